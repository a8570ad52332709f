"""Bulk KIM activation from the spreadsheet a Diskominfo officer exports.

The whole file is read and validated before anything is written: one bad row and nothing is
created, with every bad row named by its line number. A valid file is provisioned in one
transaction, each row through `provision_kim`, and the activation e-mails leave only after
the commit. Validation checks every row against the registry loaded once (RegistryIndex), so
its cost does not grow with the number of KIMs already there.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from kim_sites.registry.activation import send_activation_emails
from kim_sites.registry.provisioning import (
    KimSpec,
    ProvisioningError,
    RegistryIndex,
    kim_spec_errors,
    provision_kim,
)
from kim_sites.scale.tasks import deferred_indexing

REQUIRED = ["name", "regency", "village", "district", "admin_email"]
OPTIONAL = ["slug", "hostname", "sk_number", "phone"]

# Header names an officer may use, compared after lower-casing and dropping everything that is
# not a letter or a digit ("E-mail Admin" -> "emailadmin", "Desa/Kelurahan" -> "desakelurahan").
ALIASES = {
    "name": ["name", "nama", "namakim", "kim"],
    "regency": ["regency", "kabupaten", "kabupatenkota", "kabkota", "kota", "kabupatenataukota"],
    "village": ["village", "desa", "kelurahan", "desakelurahan"],
    "district": ["district", "kecamatan", "kec"],
    "admin_email": ["adminemail", "email", "emailadmin", "surel"],
    "slug": ["slug"],
    "hostname": ["hostname", "host", "namahost", "domain"],
    "sk_number": ["sknumber", "nomorsk", "nosk", "sk"],
    "phone": ["phone", "telepon", "telp", "hp", "nohp", "whatsapp", "wa", "teleponwhatsapp", "nomortelepon"],
}
FIELD_NAMES = {
    "name": "nama",
    "regency": "kabupaten/kota",
    "village": "desa/kelurahan",
    "district": "kecamatan",
    "admin_email": "email admin",
    "slug": "slug",
    "hostname": "nama host",
    "sk_number": "nomor SK",
    "phone": "telepon",
}
DELIMITERS = [",", ";", "\t"]


class ImportFileError(Exception):
    """The file cannot be imported. `errors` are Indonesian messages, each naming its line."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class ImportRow:
    line: int
    spec: KimSpec
    exists: bool = False


@dataclass
class ImportReport:
    rows: list
    warnings: list = field(default_factory=list)
    results: list = field(default_factory=list)  # ProvisionResult per row, in file order
    email_failures: list = field(default_factory=list)
    dry_run: bool = False
    index: object = None

    @property
    def created(self):
        return [r for r in self.results if r.created] if self.results else [r for r in self.rows if not r.exists]

    @property
    def existing(self):
        return [r for r in self.results if not r.created] if self.results else [r for r in self.rows if r.exists]

    @property
    def total(self):
        return len(self.rows)


def normalise_header(name):
    """A header cell as compared with the aliases: lower case, letters and digits only."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def decode(data):
    """The file's text (bytes or str), without a spreadsheet's byte-order mark. ImportFileError if not UTF-8."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            [
                f"Baris {line}: berkas bukan UTF-8. Simpan ulang dari spreadsheet sebagai "
                "'CSV UTF-8 (dipisahkan koma)' lalu impor lagi."
            ]
        )


@dataclass
class CsvLayout:
    """The columns one kind of import file has: for each field the header names that mean it,
    which fields must be present, and how to name each field in an error."""

    aliases: dict
    required: list
    field_names: dict

    @property
    def alias_to_field(self):
        return {normalise_header(alias): name for name, aliases in self.aliases.items() for alias in aliases}

    def header_fields(self, cells):
        lookup = self.alias_to_field
        return [lookup.get(normalise_header(c)) for c in cells]


KIM_LAYOUT = CsvLayout(aliases=ALIASES, required=REQUIRED, field_names=FIELD_NAMES)


def sniff_delimiter(text, layout=KIM_LAYOUT):
    """The separator that makes the most of the first line's cells into known column names."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        score = sum(1 for f in layout.header_fields(cells) if f)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_rows(data, layout):
    """Read a CSV (bytes or str) laid out as `layout`. Raises ImportFileError for a bad file or header.

    Returns (rows, warnings): rows are (line, {field: text}, None), or (line, None, problem) for a
    row that cannot be read; blank lines are skipped. Rows are not validated yet.
    """
    text = decode(data)
    if not text.strip():
        raise ImportFileError(["Berkas kosong: tidak ada baris judul maupun data."])
    delimiter = sniff_delimiter(text, layout)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    warnings = []
    rows = []
    header = None
    columns = {}
    previous_line = 0
    try:
        for cells in reader:
            line = previous_line + 1
            previous_line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                columns = _read_header(cells, line, warnings, layout)
                continue
            extra = [c for c in cells[len(header) :] if c.strip()]
            if extra:
                rows.append((line, None, f"ada {len(cells)} kolom, padahal judul hanya {len(header)} kolom"))
                continue
            values = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
            rows.append((line, values, None))
    except csv.Error as exc:
        raise ImportFileError([f"Baris {reader.line_num}: format CSV rusak ({exc}). Periksa tanda kutip."])
    if header is None:
        raise ImportFileError(["Berkas kosong: tidak ada baris judul maupun data."])
    return rows, warnings


def parse(data):
    """Read the KIM CSV (bytes or str). Returns (rows, warnings), as `read_rows`."""
    return read_rows(data, KIM_LAYOUT)


def _read_header(cells, line, warnings, layout):
    lookup = layout.alias_to_field
    columns = {}
    errors = []
    for i, cell in enumerate(cells):
        field_name = lookup.get(normalise_header(cell))
        if field_name is None:
            if cell.strip():
                warnings.append(f"Kolom '{cell.strip()}' tidak dikenal dan diabaikan.")
            continue
        if field_name in columns:
            first = cells[columns[field_name]].strip()
            errors.append(
                f"Baris {line}: kolom '{first}' dan '{cell.strip()}' sama-sama berarti "
                f"{layout.field_names[field_name]}."
            )
            continue
        columns[field_name] = i
    missing = [name for name in layout.required if name not in columns]
    if missing:
        names = ", ".join(f"{name} ({layout.field_names[name]})" for name in missing)
        errors.append(f"Baris {line}: kolom wajib tidak ada: {names}. Kolom wajib: {', '.join(layout.required)}.")
    if errors:
        raise ImportFileError(errors)
    return columns


def validate(data):
    """Parse and validate the whole file. Returns an ImportReport; raises ImportFileError listing
    every bad row."""
    parsed, warnings = parse(data)
    index = RegistryIndex()
    _resolve_regency_names(index)
    errors = []
    rows = []
    seen_slugs = {}
    seen_hosts = {}
    for line, values, problem in parsed:
        if problem:
            errors.append(f"Baris {line}: {problem}.")
            continue
        values = dict(values)
        values["regency"] = index.regency_aliases.get(normalise_header(values.get("regency", "")), values["regency"])
        spec = KimSpec(**{k: values.get(k, "") for k in REQUIRED + OPTIONAL})
        messages = [m for _, m in kim_spec_errors(spec, index=index)]
        if spec.slug and spec.slug in seen_slugs:
            messages.append(f"Slug '{spec.slug}' sudah dipakai baris {seen_slugs[spec.slug]} di berkas ini.")
        elif spec.hostname and spec.hostname in seen_hosts:
            messages.append(
                f"Nama host '{spec.hostname}' sudah dipakai baris {seen_hosts[spec.hostname]} di berkas ini."
            )
        seen_slugs.setdefault(spec.slug, line)
        seen_hosts.setdefault(spec.hostname, line)
        if messages:
            errors.append(f"Baris {line}: " + " ".join(messages))
            continue
        rows.append(ImportRow(line=line, spec=spec, exists=spec.slug in index.kims))
    if errors:
        raise ImportFileError(errors)
    if not rows and not parsed:
        raise ImportFileError(["Berkas hanya berisi baris judul: tidak ada KIM untuk diimpor."])
    return ImportReport(rows=rows, warnings=warnings, index=index)


def _resolve_regency_names(index):
    """Let officers write "Kabupaten Bangka", "Bangka" or "bangka": map each to the slug,
    unless two regencies would claim the same short name."""
    aliases = {}
    ambiguous = set()
    for slug, regency in index.regencies.items():
        short = regency.name
        for prefix in ("Kabupaten ", "Kota "):
            if short.startswith(prefix):
                short = short[len(prefix) :]
        for alias in {slug, regency.name, short}:
            key = normalise_header(alias)
            if key in aliases and aliases[key] != slug:
                ambiguous.add(key)
            aliases[key] = slug
    for slug in index.regencies:
        aliases[normalise_header(slug)] = slug
    index.regency_aliases = {k: v for k, v in aliases.items() if k not in ambiguous or k == normalise_header(v)}


def import_kims(data, *, dry_run=False, send_email=True, actor=None):
    """Validate the whole file, then provision every row in one transaction (all or nothing).

    Returns an ImportReport. Raises ImportFileError, and creates nothing, when any row is bad.
    """
    report = validate(data)
    report.dry_run = dry_run
    if dry_run:
        return report
    index = report.index
    try:
        with deferred_indexing(), transaction.atomic():
            for row in report.rows:
                try:
                    report.results.append(provision_kim(row.spec, actor=actor, send_email=False, index=index))
                except ProvisioningError as exc:
                    raise ImportFileError([f"Baris {row.line}: " + " ".join(exc.errors)])
    except ImportFileError:
        report.results = []
        raise
    if send_email:
        pending = [(r.admin_user, r.kim, r.activation_url) for r in report.results if r.created and r.activation_url]
        report.email_failures = send_activation_emails(pending)
    return report
