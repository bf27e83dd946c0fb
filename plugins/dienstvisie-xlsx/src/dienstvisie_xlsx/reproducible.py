"""Save a workbook so that the same workbook gives the same bytes, run after run.

openpyxl stamps a workbook twice with the time it is saved: `modified` (and `created`) in
docProps/core.xml, and every entry of the zip archive with the local time. Both are fixed here:
the document properties to SOURCE_DATE_EPOCH when it is set (the reproducible-builds convention),
else to 1980-01-01, the earliest time a zip entry can hold; the entries to the same moment.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook

_EARLIEST = datetime.datetime(1980, 1, 1)


def fixed_moment() -> datetime.datetime:
    """SOURCE_DATE_EPOCH as a naive UTC time, or 1980-01-01 (never earlier: zip cannot hold it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if value.isdigit():
        try:
            moment = datetime.datetime.fromtimestamp(int(value), tz=datetime.timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return _EARLIEST
        return max(moment, _EARLIEST)
    return _EARLIEST


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed time and are compressed alike."""

    moment: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.moment)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        else:
            zinfo_or_arcname.date_time = self.moment
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """A file (openpyxl writes each worksheet to a temporary file first): its bytes, not its time."""
        with open(filename, "rb") as handle:
            data = handle.read()
        self.writestr(os.fspath(arcname if arcname is not None else filename), data)


def save(workbook: Workbook) -> bytes:
    """The workbook's .xlsx bytes, without any trace of when it was saved."""
    from openpyxl.writer.excel import ExcelWriter

    moment = fixed_moment()
    workbook.properties.created = moment
    workbook.properties.modified = moment
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.moment = moment.timetuple()[:6]
    ExcelWriter(workbook, archive).save()  # save_workbook() would stamp `modified` with the time now
    return buffer.getvalue()
