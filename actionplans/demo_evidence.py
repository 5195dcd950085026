"""Demo evidence (LH Annexes 4 and 5) for a submitted demo plan: files and links about the
co-creation process and the first commitments, one replaced by a newer version and one withdrawn
with its reason. Filed through `actionplans.services_evidence`, like a point of contact would.
Called by `actionplans.demo.seed_plans_demo`; a plan that has evidence is left as it is."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from actionplans.models import ActionPlan, EvidenceType
from actionplans.services_evidence import file_evidence, replace_evidence, withdraw_evidence


def _pdf(name: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def _png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (37, 99, 235)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def seed_evidence(plan: ActionPlan, actor, *, submitted_on: date, as_of: date) -> None:
    if plan.evidence.exists():
        return
    city = plan.owner_name
    slug = (plan.member.slug if plan.member else "coalition").replace("-", "")
    commitments = list(plan.commitments.order_by("number"))

    def filed(when: date, commitment=None, **values):
        return file_evidence(
            plan, actor=actor, as_of=when, commitment=commitment, dated_on=when, **values
        )

    co_creation = submitted_on - timedelta(days=70)
    filed(
        co_creation,
        evidence_type=EvidenceType.PARTICIPATION_SPACE,
        title="Terms of reference of the open government forum",
        description="Adopted by the forum at its first meeting; lists its member organizations.",
        file=_pdf("Forum terms of reference.pdf"),
    )
    filed(
        co_creation + timedelta(days=5),
        evidence_type=EvidenceType.CONSULTATION_PLAN,
        title="Public invitation to the co-creation meetings",
        description="Published on the city's website and social media three weeks ahead.",
        url=f"https://www.{slug}.example.org/open-government/co-creation",
    )
    filed(
        submitted_on - timedelta(days=30),
        evidence_type=EvidenceType.MEETING_RECORD,
        title="Participants of the online consultation session",
        description="Affiliations only; names withheld for privacy.",
        file=_csv(
            "participants.csv",
            "organization,kind,participants\n"
            f"Transparency Network of {city},civil society,3\n"
            "Neighbourhood councils,community,4\n"
            "Department of Finance,government,2\n",
        ),
    )
    if not commitments:
        return
    first = commitments[0]
    report_on = min(as_of, plan.starts_on + timedelta(days=120))
    report = filed(
        report_on,
        first,
        evidence_type=EvidenceType.MONITORING,
        title="First progress report on the contracts portal",
        description="Contracts published so far, by month.",
        file=_pdf("progress report.pdf"),
    )
    replace_evidence(
        report,
        actor=actor,
        as_of=report_on,
        reason="Corrected the figures for the last month.",
        commitment=first,
        evidence_type=EvidenceType.MONITORING,
        title="First progress report on the contracts portal",
        description="Contracts published so far, by month (corrected).",
        dated_on=report_on,
        file=_pdf("progress report v2.pdf"),
    )
    filed(
        report_on,
        first,
        evidence_type=EvidenceType.TECHNICAL,
        title="Open contracting data portal",
        description="Every contract, amendment and payment in the Open Contracting Data Standard.",
        url=f"https://contracts.{slug}.example.org/",
    )
    mistaken = filed(
        report_on,
        first,
        evidence_type=EvidenceType.OTHER,
        title="Press release",
        url=f"https://www.{slug}.example.org/news/contracts",
    )
    withdraw_evidence(
        mistaken, actor=actor, reason="A press release describes, it does not prove (Annex 5)."
    )
    if len(commitments) > 1:
        filed(
            report_on,
            commitments[1],
            evidence_type=EvidenceType.MEDIA,
            title="Photo of the first district budget assembly",
            file=_png("assembly.png"),
        )
