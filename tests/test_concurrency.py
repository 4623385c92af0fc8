"""Concurrency on PostgreSQL (issue 10): real threads, each on its own connection, released together by
a barrier so that their transactions overlap. What must hold: no lost update, no half-written state, no
database error leaking out; the loser of a race gets the same clear (Indonesian) message as a user who
is merely late.

Each collision is repeated a few times (``ROUNDS``) so that a race passing by luck is less likely.
SQLite has no row locks and one writer at a time: the module is skipped there and runs in CI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Role, User
from apps.budgets import importer
from apps.budgets import services as budgets
from apps.budgets.models import DpaLine, DpaUpload, DpaVersion, RealisasiAnggaran
from apps.budgets.selectors import grid_stamp
from apps.realisations import services as realisations
from apps.realisations.models import Realisation
from apps.reports import freeze, workflow
from apps.reports.models import Report, ReportEvent, ReportSnapshot, Status
from tests.budgets.workbooks import small_dpa
from tests.factories import ReportFactory, UserFactory, member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]

ROUNDS = 5
S1, S2 = "7.01.01.2.01.0001", "7.01.01.2.01.0002"


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------


class Outcome:
    """What one thread got: its return value or the exception it raised."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.value: Any = None
        self.error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __repr__(self) -> str:
        return f"<{self.name}: {'ok' if self.ok else repr(self.error)}>"


def collide(**actions: Callable[[], Any]) -> dict[str, Outcome]:
    """Run every action in its own thread, all released at once; each thread closes its connection."""
    barrier = threading.Barrier(len(actions))
    outcomes = {name: Outcome(name) for name in actions}

    def run(name: str, action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[name].value = action()
        except BaseException as exc:  # noqa: BLE001 - reported to the test, which decides
            outcomes[name].error = exc
        finally:
            connections.close_all()  # this thread's connections only

    threads = [threading.Thread(target=run, args=item, name=item[0]) for item in actions.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    return outcomes


def one_winner(outcomes: dict[str, Outcome], expected: type[BaseException] | tuple[type[BaseException], ...]) -> tuple[Outcome, Outcome]:
    """Exactly one action succeeded; the other failed with ``expected`` (never a database error)."""
    winners = [o for o in outcomes.values() if o.ok]
    losers = [o for o in outcomes.values() if not o.ok]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert isinstance(losers[0].error, expected), outcomes
    return winners[0], losers[0]


def operator(world: Any, username: str, first_name: str) -> User:
    user = UserFactory(username=username, first_name=first_name)
    member(user, Role.OPERATOR, organisation=world.own)
    return user


def fresh(user: User) -> User:
    """A thread's own copy of a user (memberships are cached on the instance)."""
    return User.objects.get(pk=user.pk)


# ---------------------------------------------------------------------------------------------------
# 1-2. Realisation edits
# ---------------------------------------------------------------------------------------------------


def _save(indicator: Any, quarter: int, revision: int, user: User, value: Decimal, year: int = 2024) -> Callable[[], Realisation]:
    def action() -> Realisation:
        return realisations.realisation_save(
            indicator=indicator, year=year, quarter=quarter, revision=revision, user=fresh(user), value=value,
            source_document=f"dokumen {value}",
        )  # fmt: skip

    return action


def test_two_saves_of_one_realisation_with_the_same_revision_keep_the_winner_and_refuse_the_other(world, plan):
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    realisations.realisation_save(indicator=plan.akip, year=2024, quarter=1, revision=0, user=ani, value=Decimal(70))
    names = {"ani": ani, "budi": budi}
    for i in range(ROUNDS):
        stored = Realisation.objects.get(indicator=plan.akip, year=2024, quarter=1)
        history_before = stored.history.count()
        values = {"ani": Decimal(f"80.{i}1"), "budi": Decimal(f"90.{i}2")}
        outcomes = collide(**{n: _save(plan.akip, 1, stored.revision, names[n], values[n]) for n in names})
        winner, loser = one_winner(outcomes, realisations.RealisationConflict)
        message = loser.error.messages[0]
        assert message.startswith("Realisasi ini sudah diubah oleh") and "Isian Anda tidak disimpan" in message
        assert names[winner.name].first_name in message
        after = Realisation.objects.get(pk=stored.pk)
        assert after.value == values[winner.name] and after.source_document == f"dokumen {values[winner.name]}"
        assert after.revision == stored.revision + 1 and after.updated_by_id == names[winner.name].pk
        assert after.history.count() == history_before + 1
        assert after.history.first().value == values[winner.name]


def test_two_first_saves_of_a_new_realisation_create_one_row_and_one_conflict(world, plan):
    """No row yet: both forms carry revision 0; the unique (indicator, year, quarter) must not leak out."""
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    for quarter in (1, 2, 3, 4):
        outcomes = collide(
            ani=_save(plan.akip, quarter, 0, ani, Decimal(71), 2025), budi=_save(plan.akip, quarter, 0, budi, Decimal(72), 2025)
        )
        winner, _loser = one_winner(outcomes, realisations.RealisationConflict)
        row = Realisation.objects.get(indicator=plan.akip, year=2025, quarter=quarter)
        assert row.value == Decimal(71 if winner.name == "ani" else 72) and row.revision == 1
        assert row.history.count() == 2  # created blank, then the winner's values


def test_two_browsers_posting_the_same_revision_get_one_redirect_and_one_409(world, plan):
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    clients = {}
    for user in (ani, budi):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    url = reverse("realisations:edit", args=[plan.akip.pk, 2024, 2])
    values = {"ani": "81,5", "budi": "92,25"}
    for _i in range(ROUNDS):
        row = Realisation.objects.filter(indicator=plan.akip, year=2024, quarter=2).first()
        revision = row.revision if row else 0
        history_before = row.history.count() if row else 0

        def post(name: str, revision: int = revision) -> Callable[[], Any]:
            data = {"value": values[name], "revision": revision, "faktor_penghambat": "-", "solusi": "-"}
            return lambda: clients[name].post(url, data)

        outcomes = collide(ani=post("ani"), budi=post("budi"))
        assert all(o.ok for o in outcomes.values()), outcomes
        statuses = sorted(o.value.status_code for o in outcomes.values())
        assert statuses == [302, 409], statuses
        winner = next(n for n, o in outcomes.items() if o.value.status_code == 302)
        loser_body = next(o.value for o in outcomes.values() if o.value.status_code == 409).content.decode()
        assert "sudah diubah oleh" in loser_body
        row = Realisation.objects.get(indicator=plan.akip, year=2024, quarter=2)
        assert row.value == Decimal(values[winner].replace(",", ".")) and row.revision == revision + 1
        assert row.history.count() == history_before + (1 if revision else 2)


def test_saves_of_different_realisations_at_once_both_succeed(world, plan):
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    for i in range(ROUNDS):
        akip = Realisation.objects.filter(indicator=plan.akip, year=2024, quarter=3).first()
        laporan = Realisation.objects.filter(indicator=plan.laporan, year=2024, quarter=3).first()
        outcomes = collide(
            ani=_save(plan.akip, 3, akip.revision if akip else 0, ani, Decimal(80 + i)),
            budi=_save(plan.laporan, 3, laporan.revision if laporan else 0, budi, Decimal(3 + i)),
        )
        assert all(o.ok for o in outcomes.values()), outcomes
        assert Realisation.objects.get(indicator=plan.akip, year=2024, quarter=3).value == Decimal(80 + i)
        assert Realisation.objects.get(indicator=plan.laporan, year=2024, quarter=3).value == Decimal(3 + i)


# ---------------------------------------------------------------------------------------------------
# 3. DPA imports
# ---------------------------------------------------------------------------------------------------


def _import(world: Any, data: bytes, name: str) -> Callable[[], Any]:
    # acknowledged: the files alternate between totals more than a fifth apart (a caution, issue 20), not what is tested here
    return lambda: (
        budgets.dpa_import(
            organisation=world.own, year=2024, data=data, source_name=name, user=fresh(world.admin), acknowledged=True
        ).version
    )


def _assert_versions_complete(world: Any, files: dict[str, bytes]) -> None:
    """Sequences 1..n without gap or duplicate; every version holds all the lines of its file, with history."""
    versions = list(DpaVersion.objects.filter(organisation=world.own, year=2024).order_by("sequence"))
    assert [v.sequence for v in versions] == list(range(1, len(versions) + 1))
    by_sha = {budgets.sha256_of(data): data for data in files.values()}
    for v in versions:
        parsed = importer.parse_dpa(by_sha[v.source_sha256])
        lines = list(v.lines.order_by("order"))
        assert [(ln.code, ln.pagu) for ln in lines] == [(p.code, p.pagu) for p in parsed.lines]
        assert DpaLine.history.filter(version_id=v.pk).count() == len(lines)


def test_the_same_dpa_file_imported_twice_at_once_makes_one_version(world):
    files = {}
    for i in range(ROUNDS):
        data = small_dpa(1_000_000 + i, 500_000)
        files[f"dpa{i}"] = data
        before = DpaVersion.objects.count()
        outcomes = collide(a=_import(world, data, f"dpa{i}.xlsx"), b=_import(world, data, f"dpa{i}-salinan.xlsx"))
        _winner, loser = one_winner(outcomes, budgets.NothingToImport)
        assert "sama persis" in loser.error.message and "Tidak ada yang dibuat" in loser.error.message
        assert DpaVersion.objects.count() == before + 1
    _assert_versions_complete(world, files)


def test_two_different_dpa_files_imported_at_once_get_consecutive_numbers(world):
    files = {}
    for i in range(ROUNDS):
        a, b = small_dpa(2_000_000 + i, 600_000), small_dpa(3_000_000 + i, 700_000 + i)
        files.update({f"a{i}": a, f"b{i}": b})
        before = DpaVersion.objects.filter(organisation=world.own, year=2024).count()
        outcomes = collide(a=_import(world, a, f"a{i}.xlsx"), b=_import(world, b, f"b{i}.xlsx"))
        assert all(o.ok for o in outcomes.values()), outcomes
        assert sorted(o.value.sequence for o in outcomes.values()) == [before + 1, before + 2]
    _assert_versions_complete(world, files)


def test_confirming_two_uploads_of_one_file_at_once_makes_one_version(world):
    admin = world.admin
    files = {}
    for i in range(3):
        data = small_dpa(4_000_000 + i, 800_000)
        files[f"u{i}"] = data
        uploads = [
            budgets.dpa_upload_create(
                organisation=world.own, year=2024, kind="murni", number="", document_date=None, source_name=f"u{i}.xlsx", data=data, user=admin
            )[0]
            for _ in range(2)
        ]  # fmt: skip
        before = DpaVersion.objects.count()
        outcomes = collide(
            first=lambda u=uploads[0]: budgets.dpa_version_create(upload=u, user=fresh(admin)),
            second=lambda u=uploads[1]: budgets.dpa_version_create(upload=u, user=fresh(admin)),
        )
        _winner, loser = one_winner(outcomes, budgets.NothingToImport)
        assert "sama persis" in loser.error.message
        assert DpaVersion.objects.count() == before + 1

        # A double click on one upload's confirmation.
        data = small_dpa(5_000_000 + i, 800_000)
        files[f"d{i}"] = data
        upload, _preview = budgets.dpa_upload_create(
            organisation=world.own, year=2024, kind="murni", number="", document_date=None, source_name=f"d{i}.xlsx", data=data, user=admin
        )  # fmt: skip
        outcomes = collide(**{k: (lambda u=upload: budgets.dpa_version_create(upload=u, user=fresh(admin))) for k in ("click1", "click2")})
        _winner, loser = one_winner(outcomes, budgets.NothingToImport)
        assert "sudah diterapkan" in loser.error.message
        assert DpaUpload.objects.get(pk=upload.pk).version is not None
    _assert_versions_complete(world, files)


# ---------------------------------------------------------------------------------------------------
# 4. Workflow transitions
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def ready(ready, world):
    """The shared ready year (tests/conftest.py) as (its annual report, a second camat)."""
    camat2 = UserFactory(username="camat2", first_name="Camat Dua")
    member(camat2, Role.CAMAT, organisation=world.own)
    return ready.report, camat2


def _set_status(report: Report, status: str, submitted_by: Any = None) -> None:
    Report.objects.filter(pk=report.pk).update(status=status, submitted_by=submitted_by)


def _edit_laporan_q2(plan: Any, user: User) -> tuple[Realisation, Decimal, Callable[[], Realisation]]:
    row = Realisation.objects.get(indicator=plan.laporan, year=2024, quarter=2)
    new = Decimal(4) if row.value == 3 else Decimal(3)
    return row, new, _save(plan.laporan, 2, row.revision, user, new)


def _assert_nothing_changed_after_submission(report: Report, row: Realisation, edit: Outcome, new: Decimal) -> None:
    """The edit either landed before the submission or was refused by the freeze; never after it."""
    submitted = ReportEvent.objects.filter(report=report, to_status=Status.SUBMITTED).latest("created_at", "pk")
    after = Realisation.objects.get(pk=row.pk)
    if edit.ok:
        assert after.value == new and after.revision == row.revision + 1
    else:
        assert isinstance(edit.error, ValidationError) and edit.error.code == "frozen", edit
        assert "sudah diajukan atau disetujui dan dikunci" in edit.error.messages[0]
        assert after.value == row.value and after.revision == row.revision
    late = Realisation.history.filter(indicator__organisation=report.organisation, year=2024, history_date__gt=submitted.created_at)
    assert not late.exists(), "a realisation changed after the report was submitted"


def _pause_after(
    monkeypatch: Any, owner: Any, name: str, thread: str, reached: threading.Event, release: threading.Event, wait: float
) -> None:
    """Replace ``owner.name`` so that, in the thread called ``thread``, it runs, then signals
    ``reached`` and waits (at most ``wait`` seconds) for ``release``: a forced interleaving."""
    original = getattr(owner, name)

    def paused(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if threading.current_thread().name == thread:
            reached.set()
            release.wait(timeout=wait)
        return result

    monkeypatch.setattr(owner, name, paused)


def _submit_once_checked(report: Report, user: User, checked: threading.Event, submitted: threading.Event) -> Callable[[], Report]:
    """The submission, started once the edit has passed its check; ``submitted`` set when it ends."""

    def submit() -> Report:
        checked.wait(timeout=10)
        try:
            return workflow.report_submit(report=Report.objects.get(pk=report.pk), user=fresh(user))
        finally:
            submitted.set()

    return submit


def test_submit_and_an_edit_of_the_period_at_once_never_change_a_submitted_period(world, plan, ready):
    report, _camat2 = ready
    for _i in range(ROUNDS):
        _set_status(report, Status.DRAFT)
        row, new, edit = _edit_laporan_q2(plan, world.operator)
        outcomes = collide(
            submit=lambda: workflow.report_submit(report=Report.objects.get(pk=report.pk), user=fresh(world.operator)), edit=edit
        )
        assert outcomes["submit"].ok, outcomes
        _assert_nothing_changed_after_submission(report, row, outcomes["edit"], new)


def test_an_edit_checked_before_the_submission_cannot_land_after_it(world, plan, ready, monkeypatch):
    """The worst interleaving, forced: the edit passes the freeze check while the report is still a
    draft, then pauses while the submission runs. The submission must wait for the edit (or the edit be
    refused); the edit must never be written into a period already submitted."""
    report, _camat2 = ready
    checked, submitted = threading.Event(), threading.Event()
    # the submission, if it is not blocked, finishes while the edit waits
    _pause_after(monkeypatch, freeze, "assert_editable", "edit", checked, submitted, 2)
    row, new, edit = _edit_laporan_q2(plan, world.operator)
    outcomes = collide(submit=_submit_once_checked(report, world.operator, checked, submitted), edit=edit)
    assert outcomes["submit"].ok, outcomes
    _assert_nothing_changed_after_submission(report, row, outcomes["edit"], new)


def test_a_narrative_checked_before_the_submission_cannot_land_after_it(world, plan, ready, monkeypatch):
    """The same worst interleaving for a narrative: its save reads the report's status (draft), then
    pauses while the submission runs. The submission waits, or the save is refused; the submitted
    report's narrative is never changed after its submission event."""
    from apps.reports.models import NarrativeSection
    from apps.reports.services import narrative_save

    report, _camat2 = ready
    NarrativeSection.objects.create(report=report, key="kesimpulan", text="Sebelum diajukan")
    checked, submitted = threading.Event(), threading.Event()
    _pause_after(monkeypatch, freeze, "report_status", "edit", checked, submitted, 2)
    submit = _submit_once_checked(report, world.operator, checked, submitted)

    def edit() -> Any:
        return narrative_save(
            report=Report.objects.get(pk=report.pk), key="kesimpulan", text="Diubah", user=fresh(world.operator), revision=0
        )

    outcomes = collide(submit=submit, edit=edit)
    assert outcomes["submit"].ok, outcomes
    event = ReportEvent.objects.filter(report=report, to_status=Status.SUBMITTED).latest("created_at", "pk")
    text = NarrativeSection.objects.get(report=report, key="kesimpulan").text
    if outcomes["edit"].ok:
        assert text == "Diubah"
        assert not NarrativeSection.history.filter(report=report, history_date__gt=event.created_at).exists()
    else:
        assert isinstance(outcomes["edit"].error, ValidationError) and outcomes["edit"].error.code == "frozen", outcomes
        assert text == "Sebelum diajukan"


def test_approve_and_return_at_once_give_one_transition_and_one_clear_error(world, ready):
    report, camat2 = ready
    for _i in range(ROUNDS):
        _set_status(report, Status.SUBMITTED, world.operator)
        events, snapshots = ReportEvent.objects.filter(report=report).count(), ReportSnapshot.objects.filter(report=report).count()
        outcomes = collide(
            approve=lambda: workflow.report_approve(report=Report.objects.get(pk=report.pk), user=fresh(world.camat)),
            give_back=lambda: workflow.report_return(
                report=Report.objects.get(pk=report.pk), user=fresh(camat2), reason="Lengkapi analisis"
            ),
        )
        winner, loser = one_winner(outcomes, ValidationError)
        assert loser.error.code == "wrong_state"
        final = Report.objects.get(pk=report.pk).status
        assert final == (Status.APPROVED if winner.name == "approve" else Status.RETURNED)
        # After an approval's decision its documents are made (issue 21): a return then is refused as "in progress".
        assert loser.error.messages[0] in (
            f"Laporan berstatus «{Status(final).label}»; tindakan ini tidak dapat dilakukan.",
            str(workflow.APPROVAL_IN_PROGRESS),
        )
        assert ReportEvent.objects.filter(report=report).count() == events + 1
        assert ReportEvent.objects.filter(report=report).latest("created_at", "pk").to_status == final
        assert ReportSnapshot.objects.filter(report=report).count() == snapshots + (winner.name == "approve")


def test_an_approval_does_not_hold_the_report_lock_while_its_pdf_renders(world, plan, ready, monkeypatch):
    """While the camat's approval of TW I renders its PDF (seconds), the operator's save of a TW II
    realisation (which locks the organisation-year's report rows) goes through at once."""
    _annual, _camat2 = ready
    tw1 = ReportFactory(organisation=world.own, year=2024, period="tw1")
    _set_status(tw1, Status.SUBMITTED, world.operator)
    rendering, released, saved = threading.Event(), threading.Event(), threading.Event()
    _pause_after(monkeypatch, workflow, "pdf_from_html", "approve", rendering, released, 30)
    row, new, edit = _edit_laporan_q2(plan, world.operator)

    def approve() -> Report:
        try:
            return workflow.report_approve(report=Report.objects.get(pk=tw1.pk), user=fresh(world.camat))
        finally:
            released.set()

    def save_while_rendering() -> Realisation:
        assert rendering.wait(timeout=30)
        try:
            return edit()
        finally:
            saved.set()
            released.set()  # the approval goes on once the save is done

    outcomes = collide(approve=approve, edit=save_while_rendering)
    assert outcomes["approve"].ok and outcomes["edit"].ok, outcomes
    assert Realisation.objects.get(pk=row.pk).value == new
    # The save finished while the approval was still rendering: it was not waiting for the lock.
    assert (
        ReportEvent.objects.filter(report=tw1, to_status=Status.APPROVED).get().created_at > Realisation.objects.get(pk=row.pk).updated_at
    )
    assert Report.objects.get(pk=tw1.pk).status == Status.APPROVED


def test_a_return_while_the_approval_renders_is_refused_and_the_approval_completes(world, ready, monkeypatch):
    """Issue 21: once the camat has approved, the decision stands while its PDF renders: another camat's return
    (and so a resubmission) is refused with a clear message, and the approval completes on the data it approved."""
    report, camat2 = ready
    _set_status(report, Status.SUBMITTED, world.operator)
    rendering, released = threading.Event(), threading.Event()
    _pause_after(monkeypatch, workflow, "pdf_from_html", "approve", rendering, released, 30)

    def approve() -> Report:
        return workflow.report_approve(report=Report.objects.get(pk=report.pk), user=fresh(world.camat))

    def give_back() -> Report:
        assert rendering.wait(timeout=30)
        try:
            return workflow.report_return(report=Report.objects.get(pk=report.pk), user=fresh(camat2), reason="Lengkapi analisis")
        finally:
            released.set()

    outcomes = collide(approve=approve, other=give_back)
    assert outcomes["approve"].ok, outcomes
    error = outcomes["other"].error
    assert isinstance(error, ValidationError) and error.messages == [str(workflow.APPROVAL_IN_PROGRESS)], outcomes
    assert Report.objects.get(pk=report.pk).status == Status.APPROVED
    assert ReportSnapshot.objects.filter(report=report).count() == 1


def test_two_reopen_requests_at_once_reopen_once(world, ready):
    report, camat2 = ready
    for _i in range(ROUNDS):
        _set_status(report, Status.APPROVED, world.operator)
        events = ReportEvent.objects.filter(report=report, to_status=Status.DRAFT).count()
        outcomes = collide(
            camat=lambda: workflow.report_reopen(report=Report.objects.get(pk=report.pk), user=fresh(world.camat), reason="Salah ketik"),
            camat2=lambda: workflow.report_reopen(report=Report.objects.get(pk=report.pk), user=fresh(camat2), reason="Data baru"),
        )
        _winner, loser = one_winner(outcomes, ValidationError)
        assert loser.error.messages[0] == "Laporan berstatus «Draf»; tindakan ini tidak dapat dilakukan."
        assert Report.objects.get(pk=report.pk).status == Status.DRAFT
        assert ReportEvent.objects.filter(report=report, to_status=Status.DRAFT).count() == events + 1


# ---------------------------------------------------------------------------------------------------
# 5. Realisasi anggaran (the grid carries a stamp of the year's realisasi)
# ---------------------------------------------------------------------------------------------------


def _grid_save(world: Any, user: User, stamp: str, values: dict[str, Decimal]) -> Callable[[], int]:
    return lambda: budgets.realisasi_save(organisation=world.own, year=2024, quarter=1, values=values, stamp=stamp, user=fresh(user))


def test_two_saves_of_one_budget_cell_with_the_same_stamp_keep_the_winner(world):
    budgets.dpa_import(organisation=world.own, year=2024, data=small_dpa(1_000_000, 500_000), source_name="dpa.xlsx")
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    for i in range(ROUNDS):
        stamp = grid_stamp(organisation=world.own, year=2024)
        history_before = RealisasiAnggaran.history.count()
        values = {"ani": Decimal(100_000 + i), "budi": Decimal(200_000 + i)}
        outcomes = collide(
            ani=_grid_save(world, ani, stamp, {S1: values["ani"]}), budi=_grid_save(world, budi, stamp, {S1: values["budi"]})
        )
        winner, loser = one_winner(outcomes, budgets.GridConflict)
        assert "sudah diubah setelah Anda membuka halaman ini" in loser.error.messages[0]
        cell = RealisasiAnggaran.objects.get(organisation=world.own, year=2024, code=S1, quarter=1)
        assert cell.amount == values[winner.name] and cell.updated_by.username == winner.name
        assert RealisasiAnggaran.history.count() == history_before + 1


def test_two_saves_of_different_budget_cells_at_once_lose_nothing(world):
    """The stamp covers the year's grid, so the second save may be refused as stale; whatever was
    accepted is stored, whatever was refused is not, and never a database error."""
    budgets.dpa_import(organisation=world.own, year=2024, data=small_dpa(1_000_000, 500_000), source_name="dpa.xlsx")
    ani, budi = operator(world, "ani", "Ani"), operator(world, "budi", "Budi")
    for i in range(ROUNDS):
        stamp = grid_stamp(organisation=world.own, year=2024)
        before = {c.code: c.amount for c in RealisasiAnggaran.objects.filter(organisation=world.own, year=2024, quarter=1)}
        values = {"ani": {S1: Decimal(300_000 + i)}, "budi": {S2: Decimal(100_000 + i)}}
        outcomes = collide(ani=_grid_save(world, ani, stamp, values["ani"]), budi=_grid_save(world, budi, stamp, values["budi"]))
        assert any(o.ok for o in outcomes.values()), outcomes
        expected = dict(before)
        for name, o in outcomes.items():
            if o.ok:
                expected.update(values[name])
            else:
                assert isinstance(o.error, budgets.GridConflict), outcomes
        stored = {c.code: c.amount for c in RealisasiAnggaran.objects.filter(organisation=world.own, year=2024, quarter=1)}
        assert stored == expected
