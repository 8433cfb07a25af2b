"""What a paragraph or run of a DOCX looks like once its styles are applied.

The exporter formats through named styles, so a test asks for a property's
effective value: the run's own, else its paragraph's style and the styles that one
is based on, else the document defaults, as Word resolves it.
"""

from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


class Styles:
    def __init__(self, styles_root: Any) -> None:
        self.root = styles_root
        self.by_id = {s.get(q("styleId")): s for s in styles_root.findall("w:style", NS)}
        self.default = next(
            (
                s.get(q("styleId"))
                for s in styles_root.findall("w:style", NS)
                if s.get(q("type")) == "paragraph" and s.get(q("default")) in ("1", "true")
            ),
            None,
        )

    def by_name(self, name: str) -> Any:
        for style in self.by_id.values():
            found = style.find("w:name", NS)
            if found is not None and found.get(q("val")) == name:
                return style
        return None

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and those it is based on, nearest first."""
        out = []
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else based.get(q("val"))
        return out

    def paragraph_style(self, p: Any) -> str | None:
        ref = p.find("w:pPr/w:pStyle", NS)
        return self.default if ref is None else ref.get(q("val"))

    def _rpr_layers(self, p: Any, r: Any | None) -> list[Any]:
        layers = []
        if r is not None and r.find("w:rPr", NS) is not None:
            layers.append(r.find("w:rPr", NS))
        layers += [s.find("w:rPr", NS) for s in self.chain(self.paragraph_style(p))]
        layers.append(self.root.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        return [layer for layer in layers if layer is not None]

    def _ppr_layers(self, p: Any) -> list[Any]:
        layers = [p.find("w:pPr", NS)]
        layers += [s.find("w:pPr", NS) for s in self.chain(self.paragraph_style(p))]
        layers.append(self.root.find("w:docDefaults/w:pPrDefault/w:pPr", NS))
        return [layer for layer in layers if layer is not None]

    def run(self, p: Any, r: Any | None, element: str, attribute: str = "val") -> str | None:
        """A run property's effective value (``element``'s ``attribute``)."""
        for layer in self._rpr_layers(p, r):
            found = layer.find(f"w:{element}", NS)
            if found is not None and found.get(q(attribute)) is not None:
                return str(found.get(q(attribute)))
            if found is not None and attribute == "val":
                return "1"  # a toggle present without a value is on
        return None

    def fonts(self, p: Any, r: Any | None) -> dict[str, str | None]:
        """Each of the four font slots (and the theme attributes, which must be absent)."""
        out: dict[str, str | None] = {}
        for slot in (
            "ascii",
            "hAnsi",
            "eastAsia",
            "cs",
            "asciiTheme",
            "hAnsiTheme",
            "eastAsiaTheme",
            "cstheme",
        ):
            out[slot] = self.run(p, r, "rFonts", slot)
        return out

    def para(self, p: Any, element: str, attribute: str = "val") -> str | None:
        """A paragraph property's effective value."""
        for layer in self._ppr_layers(p):
            found = layer.find(f"w:{element}", NS)
            if found is not None and found.get(q(attribute)) is not None:
                return str(found.get(q(attribute)))
            if found is not None and attribute == "val" and not len(found.attrib):
                return "1"
        return None

    def flag(self, p: Any, element: str) -> bool:
        value = self.para(p, element)
        return value is not None and value not in ("0", "false")
