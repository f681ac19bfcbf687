"""factory_boy factories. ``FACTORIES`` maps each lab-owned model to its factory, so that the
tenancy tests can create a record of any model in another lab."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from il2portal.models import ApiToken, Job, Lab, LabInvitation, Lot, Membership, Notification, TestArticle

User = get_user_model()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Scientist{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    name = factory.Sequence(lambda n: f"Lab {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    lab = factory.SubFactory(LabFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class TestArticleFactory(factory.django.DjangoModelFactory):
    __test__ = False

    class Meta:
        model = TestArticle

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"IL-2 variant {n}")
    kind = TestArticle.Kind.IL2_MUTEIN
    mutations = "R38A/F42K"


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    test_article = factory.SubFactory(TestArticleFactory)
    lab = factory.SelfAttribute("test_article.lab")
    lot_number = factory.Sequence(lambda n: f"LOT-{n:04d}")
    concentration = 1.0
    concentration_unit = "mg/mL"


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    lab = factory.SubFactory(LabFactory)
    kind = "fit"
    status = Job.Status.SUCCEEDED
    result = {"ok": True}


def _instrument_token(lab):
    from il2portal import services

    admin = UserFactory()
    Membership.objects.create(lab=lab, user=admin, role=Membership.Role.ADMIN)
    return services.api_token_create_instrument(lab=lab, name="reader", created_by=admin)[0]


def _job(lab):
    return JobFactory(lab=lab)


def _invitation(lab):
    from il2portal import services

    admin = UserFactory()
    Membership.objects.create(lab=lab, user=admin, role=Membership.Role.ADMIN)
    return services.lab_invitation_create(lab=lab, invitee=UserFactory(), role="member", invited_by=admin)


def _review(lab):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from il2portal.models import Review

    job = _job(lab)
    return Review.objects.create(
        lab=lab, record_kind="run_version", content_type=ContentType.objects.get_for_model(job), object_id=job.pk,
        record_version=1, record_sha256="0" * 64, steps="review", reviewers="members", approvers="admins",
        next_meaning="reviewed", submitted_by=UserFactory(), submitted_at=timezone.now(),
    )  # fmt: skip


def _signature(lab):
    from il2portal.models import Signature

    review = _review(lab)
    return Signature.objects.create(
        lab=lab, review=review, meaning="authored", signer=review.submitted_by, username="x", full_name="X Y",
        time_zone="UTC", record_version=1, record_sha256=review.record_sha256,
    )  # fmt: skip


def _signing_failure(lab):
    from il2portal.models import SigningFailure

    return SigningFailure.objects.create(
        lab=lab, user=UserFactory(), record_kind="run_version", object_id=1, meaning="authored"
    )


def _policy(lab):
    from il2portal.models import SignaturePolicy

    return SignaturePolicy.objects.get_or_create(
        lab=lab, record_kind="run_version", defaults={"steps": "review"}
    )[0]


def _lab_owned_signing() -> dict:
    from il2portal.models import Review, Signature, SignaturePolicy, SigningFailure

    return {
        Review: _review,
        Signature: _signature,
        SigningFailure: _signing_failure,
        SignaturePolicy: _policy,
    }


def _notification(lab):
    person = UserFactory()
    Membership.objects.create(lab=lab, user=person, role=Membership.Role.MEMBER)
    return Notification.objects.create(lab=lab, user=person, kind="security", title="A notice", url="/")


# model -> callable(lab) creating one record of that model in that lab
FACTORIES: dict = {
    Lab: lambda lab: lab,
    TestArticle: lambda lab: TestArticleFactory(lab=lab),
    Lot: lambda lab: LotFactory(test_article__lab=lab),
    Job: _job,
    ApiToken: lambda lab: _instrument_token(lab),
    LabInvitation: _invitation,
    **_lab_owned_signing(),
    Notification: _notification,
}


def register(model, make) -> None:
    FACTORIES[model] = make
