"""The seed's thread and edit-request slugs: random English words in CamelCase
(``DeliciousHolisticCageyDrawer``). Four words from 128×128×128×128 choices: collisions are rare and
retried by the caller."""
from __future__ import annotations

import secrets

_ADJECTIVES = """
able acid agile airy amber ancient angry apt arctic azure bald bold brave breezy brief bright brisk
broad bumpy busy calm candid cheeky chilly civil clever cloudy cosy crisp curly daring dark deep
dizzy dusty eager early easy elder empty epic fair fancy fast fierce fine firm fluffy fond frank
free fresh frosty funny fuzzy gentle giant glad gleaming golden grand green happy hardy hasty
hearty heavy hidden holy honest humble icy jolly keen kind large lazy light little lively lofty
lucky lunar mellow merry mighty misty modest noble odd olive pale patient plain polite proud quick
quiet rapid rare ready regal rich rosy round royal rustic sandy shiny silent silver simple sleek
slow smart snowy soft solar solid spare spicy steady stout sunny sweet swift tall tame tidy tiny
""".split()
_NOUNS = """
acorn anchor apple arrow badger banner barn basket beacon beard bell berry birch blossom boat bonnet
bottle breeze brick bridge brook bucket cabin camel candle canyon castle cedar cellar cherry
chimney cliff clock cloud clover comet cottage crane creek crow crystal daisy desert dolphin dove
drawer eagle ember falcon feather fern fiddle field flame forest fossil fox garden glacier goose
harbor hawk heron hill hollow island ivy jungle kettle kite ladder lake lantern leaf lemon lily
lion maple meadow mirror moon moss mountain nest oak ocean orchard otter owl panda pebble pepper
pine planet pond poppy puffin quill rabbit raven reef river robin rocket rose saddle sail salmon
shell shore sparrow spruce star stone stream sun swan thistle tiger tower trail tulip valley
""".split()


def new_slug(words: int = 4) -> str:
    parts = [secrets.choice(_ADJECTIVES) for _ in range(words - 1)] + [secrets.choice(_NOUNS)]
    return "".join(part.capitalize() for part in parts)
