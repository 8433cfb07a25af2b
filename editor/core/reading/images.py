"""Scanned images (PNG, JPEG, TIFF) as pages: decoded for OCR, and bound into a PDF to show.

A scanner saves a bulletin as a PNG, a JPEG or a TIFF (several pages in one TIFF), in grey,
colour, a palette, CMYK, 16 bits or one bit a pixel. :class:`ImageScan` opens one in the OCR
worker and gives each frame as the pixels OCR reads (8-bit grey or RGB) with its size in PDF
points; :func:`image_pdf` binds the same frames, at the same size in points, into a PDF, so
the desk's page view (which shows PDF pages and draws line boxes in points) shows an image
scan like a PDF one. A JPEG goes into that PDF as it is; any other image losslessly.

A frame's size in points comes from its resolution: the file's own when plausible (100-600
dpi), else the one that makes it as wide as A4 in portrait (a scanner that writes no
resolution scanned a sheet of paper, most likely A4). A frame is sized from its header
before a pixel is decoded: above :data:`MAX_DECODE_PIXELS` it is refused; above
MAX_OCR_PIXELS it is decoded (a JPEG at a half, a quarter or an eighth of its size by the
decoder itself) and scaled down for OCR, as long as that leaves at least MIN_OCR_DPI; more
than MAX_OCR_PAGES frames are refused. Whatever Pillow cannot decode (a truncated file, a
decompression bomb) is an InputError naming the page.

Nothing here imports numpy, and Pillow only when a file is opened: :func:`image_pdf` runs
in the desk's process.
"""

from __future__ import annotations

import io
import math
import warnings
import zlib
from typing import TYPE_CHECKING, Any, Final, cast

from editor.core.errors import InputError
from editor.core.reading import ocr

if TYPE_CHECKING:
    from PIL import Image

IMAGE_SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAX_DECODE_PIXELS: Final = 4 * ocr.MAX_OCR_PIXELS
"""One frame decoded (64 million pixels: A4 at 600 dpi is 35 million), 190 MB in RGB."""
A4_WIDTH_INCHES: Final = 210 / 25.4
MIN_DPI: Final = 100
MAX_DPI: Final = 600
_MAGIC: Final = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"II+\x00",  # BigTIFF
    b"MM\x00+",
)
_TRANSPOSED: Final = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def is_image(data: bytes) -> bool:
    """PNG, JPEG or TIFF, by the file's first bytes."""
    return data.startswith(_MAGIC)


class ImageScan:
    """An image file's frames, decoded one at a time (see the module's notes on limits)."""

    def __init__(self, name: str, data: bytes) -> None:
        from PIL import Image

        self.name = name
        self.data = data
        self.image = _opened(name, data)
        self.count = 1
        if self.image.format == "TIFF":
            # Counted by seeking, one frame past the limit at most (n_frames reads every
            # directory of the file, however many a hostile one has).
            while self.count <= ocr.MAX_OCR_PAGES:
                try:
                    self.image.seek(self.count)
                except EOFError:
                    break
                except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
                    raise InputError(name, f"第 {self.count + 1} 页的图片已损坏，无法读取") from err
                self.count += 1

    def frame(self, number: int) -> tuple[Image.Image, float, float]:
        """The frame as decoded (8-bit grey or RGB, or one bit a pixel), turned upright by
        its EXIF orientation, and its width and height in points."""
        image = self._seek(number)
        points_wide, points_high = _points(image)
        return self._decoded(image, number), points_wide, points_high

    def page(self, number: int) -> tuple[Any, float, float]:
        """The frame as OCR reads it: a numpy array (grey or RGB), scaled down to at most
        MAX_OCR_PIXELS; and its size in points."""
        import numpy as np

        image = self._seek(number)
        points_wide, points_high = _points(image)
        width, height = image.size
        if width * height > ocr.MAX_OCR_PIXELS:
            scale = math.sqrt(ocr.MAX_OCR_PIXELS / (width * height))
            dpi = min(width / points_wide, height / points_high) * 72
            if dpi * scale < ocr.MIN_OCR_DPI:
                raise InputError(
                    self.name,
                    f"第 {number + 1} 页的图像过大（{width}×{height} 像素），请以 200–300 dpi 扫描",
                )
            if image.format == "JPEG":  # the decoder itself scales by 1/2, 1/4 or 1/8
                image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))
        pixels = _fitted(self._decoded(image, number))
        if pixels.mode == "1":
            pixels = pixels.convert("L")
        return np.asarray(pixels), points_wide, points_high

    def _decoded(self, image: Image.Image, number: int) -> Image.Image:
        from PIL import Image, ImageOps

        where = f"第 {number + 1} 页"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image.load()
                upright = ImageOps.exif_transpose(image) if _orientation(image) != 1 else image
                return _eight_bits(upright)
        except Image.DecompressionBombError as err:
            raise InputError(self.name, f"{where}的图像过大，请以 200–300 dpi 扫描") from err
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning) as err:
            raise InputError(self.name, f"{where}的图片数据不完整或已损坏，无法读取") from err

    def close(self) -> None:
        self.image.close()

    def _seek(self, number: int) -> Image.Image:
        from PIL import Image

        if not 0 <= number < self.count:
            raise InputError(self.name, f"没有第 {number + 1} 页（共 {self.count} 页）")
        try:
            self.image.seek(number)
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as err:
            raise InputError(self.name, f"第 {number + 1} 页的图片已损坏，无法读取") from err
        width, height = self.image.size
        if width * height > MAX_DECODE_PIXELS:
            raise InputError(
                self.name,
                f"第 {number + 1} 页的图像过大（{width}×{height} 像素），请以 200–300 dpi 扫描",
            )
        return self.image


def _opened(name: str, data: bytes) -> Image.Image:
    """The image, its header read (no pixels yet); InputError when Pillow cannot."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=("PNG", "JPEG", "TIFF", "MPO"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise InputError(name, "图像尺寸过大（可能是恶意文件），请以 200–300 dpi 扫描") from err
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as err:
        raise InputError(name, "图片已损坏或格式不受支持，无法打开") from err


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: read the pixels as they are
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if _orientation(image) in _TRANSPOSED else (width, height)


def _points(image: Image.Image) -> tuple[float, float]:
    """The frame's width and height in points, upright, from its header (before any pixel
    is decoded, or the decoder is told to scale it)."""
    width, height = _upright_size(image)
    across, down = _dpi(image, (width, height))
    return width * 72 / across, height * 72 / down


def _dpi(image: Image.Image, size: tuple[int, int]) -> tuple[float, float]:
    """The frame's resolution across and down (as shown upright)."""
    found = image.info.get("dpi")
    try:
        across, down = (
            (round(float(found[0]), 2), round(float(found[1]), 2)) if found else (0.0, 0.0)
        )
    except (TypeError, ValueError, IndexError):
        across = down = 0.0
    if _orientation(image) in _TRANSPOSED:
        across, down = down, across
    if MIN_DPI <= across <= MAX_DPI and MIN_DPI <= down <= MAX_DPI:
        return across, down
    guessed = max(size[0], 1) / A4_WIDTH_INCHES
    return guessed, guessed


def _eight_bits(image: Image.Image) -> Image.Image:
    """The frame as 8-bit grey or RGB (one bit a pixel kept as it is): transparency laid on
    white, 16-bit and float grey scaled (not clipped), palette and CMYK converted."""
    from PIL import Image

    mode = image.mode
    if mode in ("1", "L", "RGB"):
        return image
    if mode.startswith("I") or mode == "F":
        wide = image if mode in ("I", "F") else image.convert("I")
        low, high = (float(v) for v in cast("tuple[float, float]", wide.getextrema()))
        top = 65535.0 if high > 255 or mode.startswith("I;16") else 255.0
        if mode == "F" and low >= 0 and high <= 1.0:
            top = 1.0
        return wide.point(lambda value: value * (255.0 / top)).convert("L")
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        mode = image.mode
    if mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(white, rgba).convert("RGB")
        return flat.convert("L") if mode in ("LA", "La") else flat
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _fitted(image: Image.Image) -> Image.Image:
    """The frame scaled down (by a whole factor, averaging) to at most MAX_OCR_PIXELS."""
    width, height = image.size
    if width * height <= ocr.MAX_OCR_PIXELS:
        return image
    factor = math.ceil(math.sqrt(width * height / ocr.MAX_OCR_PIXELS))
    while (width // factor) * (height // factor) > ocr.MAX_OCR_PIXELS:
        factor += 1
    if image.mode == "1":
        image = image.convert("L")
    return image.reduce(factor)


# --- The PDF to show ------------------------------------------------------------------------


def image_pdf(name: str, data: bytes) -> bytes:
    """An image-only PDF of the image's frames, each page the size in points OCR gives it
    (:class:`~editor.core.reading.ocr.ScannedPage`): a JPEG as it is, other images
    losslessly (Flate). InputError as reading the image would give."""
    scan = ImageScan(name, data)
    try:
        numbers = ocr.chosen_pages(name, scan.count, None)
        return _pdf([_pdf_page(scan, number) for number in numbers])
    finally:
        scan.close()


_Page = tuple[float, float, dict[str, Any], bytes]
"""A page's width and height in points, its image's dictionary entries and stream."""


def _pdf_page(scan: ImageScan, number: int) -> _Page:
    image = scan._seek(number)
    if (
        image.format == "JPEG"
        and image.mode in ("L", "RGB")
        and _orientation(image) == 1
        and scan.count == 1
    ):
        width, height = image.size
        points_wide, points_high = _points(image)
        entries = {
            "Width": width,
            "Height": height,
            "ColorSpace": "/DeviceGray" if image.mode == "L" else "/DeviceRGB",
            "BitsPerComponent": 8,
            "Filter": "/DCTDecode",
        }
        return points_wide, points_high, entries, scan.data
    pixels, points_wide, points_high = scan.frame(number)
    entries = {
        "Width": pixels.width,
        "Height": pixels.height,
        "ColorSpace": "/DeviceRGB" if pixels.mode == "RGB" else "/DeviceGray",
        "BitsPerComponent": 1 if pixels.mode == "1" else 8,
        "Filter": "/FlateDecode",
    }
    return points_wide, points_high, entries, zlib.compress(pixels.tobytes(), 6)


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _pdf(pages: list[_Page]) -> bytes:
    """A minimal PDF: one page per image, the image filling it."""
    out = io.BytesIO()
    offsets: list[int] = []

    def put(body: bytes) -> None:
        offsets.append(out.tell())
        out.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(len(pages)))
    put(b"<< /Type /Catalog /Pages 2 0 R >>")
    put(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, (width, height, entries, stream) in enumerate(pages):
        content, picture = 4 + 3 * i, 5 + 3 * i
        box = f"[0 0 {_number(width)} {_number(height)}]"
        put(
            f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Resources << /XObject "
            f"<< /Im0 {picture} 0 R >> >> /Contents {content} 0 R >>".encode()
        )
        draw = f"q {_number(width)} 0 0 {_number(height)} 0 0 cm /Im0 Do Q".encode()
        put(f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream")
        fields = " ".join(f"/{key} {value}" for key, value in entries.items())
        head = f"<< /Type /XObject /Subtype /Image {fields} /Length {len(stream)} >>"
        put(head.encode() + b"\nstream\n" + stream + b"\nendstream")
    start = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    )
    return out.getvalue()
