"""The font that draws the charts' Chinese labels in PNGs: Noto Sans SC, installed with the project.

vl-convert draws PNGs with the fonts it can find; without one that has Chinese glyphs it draws every
character as the same empty box and says nothing. The project therefore brings its own: the PyPI
package `pylopdf-fonts-zh-cn` is nothing but Noto Sans SC and Noto Serif SC (SIL Open Font License
1.1), and its folder is registered with vl-convert before the first chart is drawn. System fonts are
still used when present, but no longer needed.
"""

import functools
import importlib.util
from pathlib import Path

import vl_convert

# The family name inside NotoSansSC-Regular.otf.
PACKAGED_FAMILY = "Noto Sans SC"
_FONT_PACKAGE = "pylopdf_fonts_zh_cn"
_FONT_FILE = "NotoSansSC-Regular.otf"


def packaged_font_file() -> Path | None:
    """NotoSansSC-Regular.otf as installed with the project, or None when the package is missing."""
    spec = importlib.util.find_spec(_FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        if (Path(folder) / _FONT_FILE).is_file():
            return Path(folder) / _FONT_FILE
    return None


@functools.cache
def register_packaged_font() -> Path | None:
    """Make vl-convert see the packaged font (once per process); the font file, or None if missing."""
    font = packaged_font_file()
    if font is not None:
        vl_convert.register_font_directory(str(font.parent))
    return font


def _glyph_png(text: str, family: str) -> bytes:
    spec = {
        "data": {"values": [{"t": text}]},
        "mark": {"type": "text", "fontSize": 40, "font": family},
        "encoding": {"text": {"field": "t"}},
        "width": 60,
        "height": 60,
    }
    return vl_convert.vegalite_to_png(spec)


def draws_chinese(family: str) -> bool:
    """Whether vl-convert draws Chinese with `family`: two different characters must give two
    different images (without a Chinese font both are the same empty box)."""
    return _glyph_png("黑", family) != _glyph_png("江", family)


@functools.cache
def chinese_font_problem(family: str) -> str | None:
    """None when the charts' Chinese labels will be drawn; otherwise one line saying why not."""
    font = register_packaged_font()
    if draws_chinese(family):
        return None
    if font is None:
        return (
            f"no font with Chinese glyphs: the package {_FONT_PACKAGE.replace('_', '-')} (Noto Sans SC) is not installed and no "
            "system font has them, so the PNG charts' Chinese labels are empty boxes; run `uv sync` to install it"
        )
    return f"no font with Chinese glyphs: {font} is installed but vl-convert does not draw Chinese with it; the PNG charts' Chinese labels are empty boxes"
