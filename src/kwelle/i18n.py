from sphinx.locale import get_translation

_ = get_translation("kwelle")
