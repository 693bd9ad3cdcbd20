from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PrincipleBlock(blocks.StructBlock):
    """One principle of the values charter, numbered so members can cite it."""

    number = blocks.IntegerBlock(min_value=1, label=_("number"))
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("text"))

    class Meta:
        icon = "list-ol"
        template = "charter/blocks/principle.html"
        label = _("Principle")
        preview_value = {
            "number": 1,
            "title": "Solidarité",
            "text": "<p>Nous mutualisons les risques et partageons les moyens.</p>",
        }


class PrinciplesBlock(blocks.StreamBlock):
    principle = PrincipleBlock()
