from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class LabelledImageBlock(ImageBlock):
    """Wagtail's ImageBlock, whose image chooser Wagtail names after its field, "Image", without
    gettext: editors read it in English under the block's label, in the page editor and in the
    translation editor. The same word, translated. (Migrations still record an ImageBlock:
    ImageBlock.deconstruct.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_blocks["image"].label = _("Image")


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
    image = LabelledImageBlock(template="pages/blocks/image.html", label=_("Image"))
    link = LinkBlock()
