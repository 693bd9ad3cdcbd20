from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        template = "pages/blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "Nos engagements", "level": "h2"}


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "link"
        template = "pages/blocks/link.html"
        label = _("Call to action")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(required=False, label=_("source"))

    class Meta:
        icon = "openquote"
        template = "pages/blocks/quote.html"
        label = _("Quote")
        preview_value = {"quote": "Travailler ensemble, c'est décider ensemble.", "source": ""}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow", label=_("Paragraph")
    )
    quote = QuoteBlock()
    # With its alt text, written (and translated) with the page; older values (a bare image)
    # still load.
    image = ImageBlock(template="pages/blocks/image.html", label=_("Image"))
    link = LinkBlock()
