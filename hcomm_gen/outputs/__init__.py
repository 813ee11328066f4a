"""Render step: Markdown pages + MkDocs site (:mod:`.site`), PDFs (:mod:`.pdf`)."""
