"""Small PDFs made by hand for the tests."""

# A page with a grey rectangle and no text at all: what a scan without OCR looks like.
NO_TEXT_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
4 0 obj << /Length 44 >> stream
0.5 g 100 100 395 642 re f 0 0 1 rg 50 50 m S
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""
