"""Users and their roles. A role is data on a membership row (convention 5)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation, Pemda
from apps.organisations.querysets import OrganisationScope, PemdaScopedQuerySet


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships."""

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def active_memberships(self) -> list[Membership]:
        cached = getattr(self, "_active_memberships", None)
        if cached is None:
            cached = list(self.memberships.filter(is_active=True).select_related("pemda", "organisation", "organisation__pemda"))
            self._active_memberships = cached
        return cached

    def has_role(self, role: str, organisation: Organisation | None = None) -> bool:
        """True if the user holds ``role`` for ``organisation`` (pemda-wide roles cover its pemda)."""
        for m in self.active_memberships():
            if m.role != role:
                continue
            if organisation is None:
                return True
            if m.organisation_id == organisation.pk:
                return True
            if m.organisation_id is None and m.pemda_id == organisation.pemda_id:
                return True
        return False

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships()}

    def organisation_scope(self) -> OrganisationScope:
        """What the user's active memberships reach, as lazy subqueries (the protocol the
        organisational querysets ask: ``organisations.querysets.ScopedUser``)."""
        ms = Membership.objects.filter(user=self, is_active=True)
        return OrganisationScope(
            pemdas=ms.values("pemda"),
            organisations=ms.filter(organisation__isnull=False).values("organisation"),
            pemda_wide_pemdas=ms.filter(role__in=Role.pemda_wide()).values("pemda"),
            administered_pemdas=ms.filter(role=Role.ADMIN).values("pemda"),
            editable_organisations=ms.filter(role=Role.OPERATOR).values("organisation"),
        )


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    CAMAT = "camat", _("Camat")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    ADMIN = "admin", _("Admin")

    @classmethod
    def pemda_wide(cls) -> list[str]:
        """Roles that see every kecamatan of their pemda."""
        return [cls.INSPEKTORAT, cls.ADMIN]

    @classmethod
    def organisation_bound(cls) -> list[str]:
        return [cls.OPERATOR, cls.CAMAT]


ROLE_NEEDS_ORGANISATION = _("Peran operator dan camat harus terikat pada satu kecamatan.")
ROLE_PEMDA_WIDE = _("Peran inspektorat dan admin berlaku untuk seluruh pemda; kosongkan kecamatan.")
ORGANISATION_OUTSIDE_PEMDA = _("Kecamatan tidak berada di pemda yang dipilih.")


class Membership(TimeStampedModel):
    """User x (organisation or pemda) x role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("pengguna"))
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("pemda"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("kecamatan")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = PemdaScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "pemda", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=(Q(role__in=["operator", "camat"]) & Q(organisation__isnull=False))
                | (Q(role__in=["inspektorat", "admin"]) & Q(organisation__isnull=True)),
                name="membership_role_scope",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or self.pemda
        return f"{self.user} - {self.get_role_display()} - {where}"

    def clean(self) -> None:
        if self.role in Role.organisation_bound() and not self.organisation_id:
            raise ValidationError({"organisation": ROLE_NEEDS_ORGANISATION})
        if self.role in Role.pemda_wide() and self.organisation_id:
            raise ValidationError({"organisation": ROLE_PEMDA_WIDE})
        if self.organisation_id and self.pemda_id and self.organisation.pemda_id != self.pemda_id:
            raise ValidationError({"organisation": ORGANISATION_OUTSIDE_PEMDA})

    @property
    def can_edit_data(self) -> bool:
        return self.role == Role.OPERATOR

    @property
    def can_approve(self) -> bool:
        return self.role == Role.CAMAT

    @property
    def can_review(self) -> bool:
        return self.role == Role.INSPEKTORAT

    @property
    def can_manage_master_data(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_pemda_wide(self) -> bool:
        return self.role in Role.pemda_wide()


class Notification(models.Model):
    """An in-app notice that something awaits the user (also sent by e-mail)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("pesan"), max_length=500)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text
