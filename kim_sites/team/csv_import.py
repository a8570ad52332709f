"""Adding many team members at once, from a spreadsheet: one row per person and KIM.

The file follows the rules of the KIM import (kim_sites/registry/csv_import.py): UTF-8 with or
without a byte-order mark, ',' or ';' found by itself, Indonesian header names. The whole file
is validated first, against the KIMs and accounts loaded in a fixed number of queries; one bad
row and nothing is written, with every bad row named by its line. A valid file is imported in
one transaction, each row through `invite_member`, so the invitation e-mails leave only after
the commit, and a failure half-way leaves no member behind.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from kim_sites.models import Kim
from kim_sites.registry.csv_import import CsvLayout, ImportFileError, read_rows
from kim_sites.team.members import Role, TeamError, invite_member, validate_invitation

LAYOUT = CsvLayout(
    aliases={
        "kim": ["kim", "slugkim", "kimslug", "slug", "namasingkatkim"],
        "email": ["email", "surel", "emailanggota", "alamatemail", "alamatsurel"],
        "name": ["name", "nama", "namaanggota", "namalengkap"],
        "role": ["role", "peran"],
    },
    required=["kim", "email"],
    field_names={"kim": "slug KIM", "email": "e-mail", "name": "nama", "role": "peran"},
)


@dataclass
class MemberRow:
    line: int
    kim: Kim
    email: str
    name: str
    role: Role
    account_exists: bool = False
    already_member: bool = False


@dataclass
class MemberImportReport:
    rows: list
    warnings: list = field(default_factory=list)
    results: list = field(default_factory=list)  # (MemberRow, InviteResult or None when already a member)
    dry_run: bool = False

    @property
    def to_invite(self):
        return [row for row in self.rows if not row.already_member]

    @property
    def already_members(self):
        return [row for row in self.rows if row.already_member]

    @property
    def new_accounts(self):
        return [row for row in self.to_invite if not row.account_exists]


def _team_of(kims):
    """{(kim id, e-mail)} of the current members of `kims`, in one query."""
    groups = {}
    for kim in kims:
        for group_id in (kim.editor_group_id, kim.admin_group_id):
            if group_id:
                groups[group_id] = kim.pk
    through = get_user_model().groups.through
    pairs = through.objects.filter(group_id__in=groups).values_list("group_id", "user__email")
    return {(groups[group_id], email.lower()) for group_id, email in pairs}


def validate(data):
    """Parse and validate the whole file. Returns a MemberImportReport; raises ImportFileError
    listing every bad row."""
    parsed, warnings = read_rows(data, LAYOUT)
    slugs = {values["kim"].strip().lower() for _, values, _ in parsed if values}
    kims = {kim.slug: kim for kim in Kim.objects.filter(slug__in=slugs)}
    members = _team_of(kims.values())
    emails = {values["email"].strip().lower() for _, values, _ in parsed if values}
    accounts = {
        email.lower() for email in get_user_model().objects.filter(email__in=emails).values_list("email", flat=True)
    }

    errors = []
    rows = []
    seen = {}
    for line, values, problem in parsed:
        if problem:
            errors.append(f"Baris {line}: {problem}.")
            continue
        messages = []
        slug = values["kim"].strip().lower()
        kim = kims.get(slug)
        if not slug:
            messages.append("Slug KIM wajib diisi.")
        elif kim is None:
            messages.append(f"KIM dengan slug '{slug}' tidak ditemukan.")
        role_text = values.get("role", "").strip() or Role.EDITOR
        try:
            email, name, role = validate_invitation(email=values["email"], name=values.get("name", ""), role=role_text)
        except TeamError as exc:
            messages.extend(exc.errors)
            email = values["email"].strip().lower()
        else:
            key = (slug, email)
            if key in seen:
                messages.append(f"{email} sudah tercantum untuk KIM '{slug}' di baris {seen[key]} berkas ini.")
            seen.setdefault(key, line)
        if messages:
            errors.append(f"Baris {line}: " + " ".join(messages))
            continue
        rows.append(
            MemberRow(
                line=line,
                kim=kim,
                email=email,
                name=name,
                role=role,
                account_exists=email in accounts,
                already_member=(kim.pk, email) in members,
            )
        )
    if errors:
        raise ImportFileError(errors)
    if not rows:
        raise ImportFileError(["Berkas hanya berisi baris judul: tidak ada anggota untuk diimpor."])
    for row in rows:
        if row.already_member:
            warnings.append(f"Baris {row.line}: {row.email} sudah menjadi anggota tim {row.kim.name}; dilewati.")
    return MemberImportReport(rows=rows, warnings=warnings)


def import_members(data, *, dry_run=False, send_email=True, actor=None):
    """Validate the whole file, then invite every new member in one transaction (all or nothing).

    Someone already in the KIM's team is left as they are, so the same file can be run twice.
    Returns a MemberImportReport. Raises ImportFileError, and writes nothing, when any row is bad.
    """
    report = validate(data)
    report.dry_run = dry_run
    if dry_run:
        return report
    results = []
    with transaction.atomic():
        for row in report.rows:
            if row.already_member:
                results.append((row, None))
                continue
            try:
                result = invite_member(
                    row.kim, email=row.email, name=row.name, role=row.role, actor=actor, send_email=send_email
                )
            except TeamError as exc:
                raise ImportFileError([f"Baris {row.line}: " + " ".join(exc.errors)])
            results.append((row, result))
    report.results = results
    return report
