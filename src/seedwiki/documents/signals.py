"""What the documents app announces to the apps built on it, so it need not import them.

``links_changed``: sent inside the saving transaction when a save, move, deletion or rebuild changed
link rows or made a title appear or go away. The special pages connect their stored-lists refresh
to it (special/apps.py); a receiver's error fails the save, as a direct call would.
"""
from django.dispatch import Signal

links_changed = Signal()
