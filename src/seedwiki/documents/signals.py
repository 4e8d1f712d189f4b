"""What the documents app announces to the apps built on it, so it need not import them.

``links_changed``: sent inside the saving transaction when a save, move, deletion or rebuild changed
link rows or made a title appear or go away. The special pages connect their stored-lists refresh
to it (special/apps.py); a receiver's error fails the save, as a direct call would.
"""
from django.dispatch import Signal

links_changed = Signal()

# ``import_finishing``: sent once by an import whose rows are all in, before its run is marked done
# (a run killed before that sends it again when run again), while the page-text index is still
# being built on another connection. The special pages rebuild their stored lists on it.
import_finishing = Signal()
