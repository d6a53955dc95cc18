"""Open data: the dataset page, the whole knowledge base as one file, list downloads.

Thin: parse, call `dataset` or `exports`, respond.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from agreements.opendata import columns, dataset, exports, writers
from agreements.web.params import bad_request

FORMATS = {
    "csv": ("text/csv; charset=utf-8; header=present", writers.csv_lines),
    "json": ("application/json; charset=utf-8", writers.json_lines),
}
# Bytes per read when streaming the dataset file from storage.
FILE_BLOCK_SIZE = 256 * 1024


@require_safe
def dataset_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agreements/dataset.html",
        {
            "dataset": dataset.current(),
            "exports": list(exports.EXPORTS.values()),
            "dictionary": dataset.data_dictionary(),
            "history": dataset.history_dictionary(),
        },
    )


@require_safe
def dataset_file(request: HttpRequest) -> HttpResponse:
    current = dataset.current()
    if current is None:
        raise Http404("The dataset has not been built yet.")
    etag = f'"{current.sha256}"'
    last_modified = current.built_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    try:
        handle = default_storage.open(current.name, "rb")
    except FileNotFoundError:
        raise Http404("The dataset file is missing from storage.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=current.filename, content_type="application/json"
    )
    response.block_size = FILE_BLOCK_SIZE
    response["Content-Length"] = str(current.size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


@require_safe
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    try:
        list_export = exports.EXPORTS[name]
    except KeyError:
        raise Http404("No such list.") from None
    try:
        rows = list_export.rows(request.GET)
    except exports.InvalidParameters as exc:
        return bad_request(exc.errors, fmt)
    today = timezone.localdate()
    context = columns.ExportContext(today=today, origin=request.build_absolute_uri("/")[:-1])
    content_type, write = FORMATS[fmt]
    response = StreamingHttpResponse(
        write(list_export.columns, rows, context), content_type=content_type
    )
    filename = f"minerals-kb-{name}-{today.isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
