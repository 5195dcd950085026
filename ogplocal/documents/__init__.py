"""Filed documents and the PDFs the portal writes.

- ``ogplocal.documents.validators``: the upload check every filed PDF passes (type by content,
  size, page count, readable), as a validator for model fields and a form field.
- ``ogplocal.documents.storage``: where uploaded and generated files are stored (a random name,
  never the uploader's, never overwritten) and how a permitted view hands one out.
- ``ogplocal.documents.render``: ``render_pdf``, the one WeasyPrint renderer of letters and reports,
  with templates in ``templates/documents/`` and a URL fetcher that reads only our static files.
"""

import logging

# WeasyPrint logs every step and fontTools every font it unpacks at INFO: keep a worker's log for
# what matters (a refused URL, a missing font). Set here, before render.py imports WeasyPrint.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)
