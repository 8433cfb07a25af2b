"""简讯编审台 (jianxun): receive, parse, review and typeset local-chronicles bulletins."""

__version__ = "0.1.0"
