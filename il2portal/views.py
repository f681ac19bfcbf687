"""Pages of the core: dashboard, lab switcher, lab settings (members, instrument tokens), test articles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from il2portal import registry, services, signing
from il2portal.audit import audit_trail
from il2portal.dashboard import dashboard_panels, first_steps
from il2portal.forms import (
    AddMemberForm,
    CheckedPasswordChangeForm,
    InstrumentTokenForm,
    LotForm,
    ReleaseSpecificationForm,
    TestArticleForm,
)
from il2portal.models import ApiToken, Job, LabInvitation, Lot, Membership, SignaturePolicy, TestArticle
from il2portal.permissions import lab_admin_required
from il2portal.tenancy import (
    current_lab,
    current_lab_or_404,
    get_scoped_or_404,
    is_lab_admin,
    set_current_lab,
)


def _words(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return exc.message


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CheckedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever a page links: the portal's SVG icon."""
    return redirect(static("favicon.svg"))


@login_required
def home(request):
    lab = current_lab(request)
    context = {"panels": [], "jobs": []}
    if lab is not None:
        context["panels"] = dashboard_panels(lab)
        context["jobs"] = list(Job.objects.filter(lab=lab).select_related("created_by")[:8])
        registry.job_subjects(context["jobs"])
        steps = first_steps(lab)
        context["steps"] = steps if not all(s.done for s in steps) else []
    return render(request, "il2portal/home.html", context)


@login_required
@require_POST
def lab_switch(request):
    try:
        lab_id = int(request.POST.get("lab", ""))
    except ValueError:
        messages.error(request, "Choose a lab from the list.")
        return redirect("lab-choose")
    if not set_current_lab(request, lab_id):
        raise Http404("No such lab among yours.")
    target = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return HttpResponseRedirect(target)


@login_required
@lab_admin_required("change members and tokens")
def lab_settings(request, lab):
    member_form = AddMemberForm()
    token_form = InstrumentTokenForm()
    new_key = None
    if request.method == "POST":
        if "add_member" in request.POST:
            member_form = AddMemberForm(request.POST)
            if member_form.is_valid():
                data = member_form.cleaned_data
                existing = Membership.objects.filter(lab=lab, user=data["username"]).first()
                if existing is not None:
                    services.lab_member_set_role(membership=existing, role=data["role"])
                    messages.success(
                        request, f"{data['username'].username} is now {existing.get_role_display()}."
                    )
                else:
                    invitation = services.lab_invitation_create(
                        lab=lab, invitee=data["username"], role=data["role"], invited_by=request.user
                    )
                    messages.success(
                        request,
                        f"Invitation sent to {data['username'].username}: they join {lab} when they accept it "
                        f"(before {invitation.expires_at:%Y-%m-%d}).",
                    )
                return redirect("lab-settings")
        elif "set_policy" in request.POST:
            kind = request.POST.get("record_kind", "")
            try:
                policy = signing.policy_set(
                    lab=lab,
                    kind=kind,
                    steps=request.POST.get("steps", ""),
                    reviewers=request.POST.get("reviewers", ""),
                    approvers=request.POST.get("approvers", ""),
                    user=request.user,
                )
            except (signing.SigningError, ValidationError) as exc:
                messages.error(request, f"Signature rule not saved: {_words(exc)}")
            else:
                label = registry.signables()[kind].labels
                messages.success(
                    request,
                    f"{label.capitalize()} now need: {policy.get_steps_display().lower()}. "
                    "Versions already submitted keep the rule they were submitted under.",
                )
            return redirect(reverse("lab-settings") + "#signatures")
        elif "create_token" in request.POST:
            token_form = InstrumentTokenForm(request.POST)
            if token_form.is_valid():
                token, new_key = services.api_token_create_instrument(
                    lab=lab, name=token_form.cleaned_data["name"], created_by=request.user
                )
                token_form = InstrumentTokenForm()
                messages.success(
                    request, f"Token “{token.name}” created. Copy the key now: it is not shown again."
                )
    members = (
        Membership.objects.filter(lab=lab).exclude(role=Membership.Role.INSTRUMENT).select_related("user")
    )
    tokens = ApiToken.objects.filter(lab=lab, kind=ApiToken.Kind.INSTRUMENT).select_related("created_by")
    invitations = (
        LabInvitation.objects.filter(lab=lab, status=LabInvitation.Status.PENDING)
        .select_related("invitee", "invited_by")
        .order_by("-created_at")
    )
    policies = [(spec, signing.policy_for(lab, kind)) for kind, spec in registry.signables().items()]
    return render(
        request,
        "il2portal/lab_settings.html",
        {
            "lab": lab,
            "policies": policies,
            "policy_steps": SignaturePolicy.Steps.choices,
            "policy_who": SignaturePolicy.Who.choices,
            "is_admin": is_lab_admin(request.user, lab),
            "members": members,
            "tokens": tokens,
            "invitations": invitations,
            "member_form": member_form,
            "token_form": token_form,
            "new_key": new_key,
        },
    )


@login_required
@require_POST
@lab_admin_required("revoke tokens", record=ApiToken)
def token_revoke(request, lab, token: ApiToken):
    if token.is_active:
        services.api_token_revoke(token=token, reason=f"revoked by {request.user.username}")
        messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("lab-settings")


@login_required
@require_POST
@lab_admin_required("withdraw invitations", record=LabInvitation)
def invitation_withdraw(request, lab, invitation: LabInvitation):
    services.lab_invitation_withdraw(invitation=invitation)
    messages.success(request, f"Invitation of {invitation.invitee.username} withdrawn.")
    return redirect("lab-settings")


@login_required
def test_article_list(request):
    lab = current_lab_or_404(request)
    form = TestArticleForm(lab=lab)
    if request.method == "POST":
        form = TestArticleForm(request.POST, lab=lab)
        if form.is_valid():
            article = form.save(commit=False)
            article.lab = lab
            article.created_by = request.user
            article.save()
            messages.success(request, f"Added {article.name}.")
            return redirect("test-article-detail", pk=article.pk)
    articles = TestArticle.objects.filter(lab=lab).annotate(lot_count=Count("lots")).order_by("kind", "name")
    kind = request.GET.get("kind")
    if kind:
        articles = articles.filter(kind=kind)
    return render(
        request,
        "il2portal/test_article_list.html",
        {"articles": articles, "form": form, "kinds": TestArticle.Kind.choices, "kind": kind},
    )


@login_required
def test_article_detail(request, pk: int):
    """The molecule's page: its kind, mutations and lots here; what the apps know about it (runs,
    potency over time, selectivity, lot release, study arms) in their sections."""
    article = get_scoped_or_404(
        TestArticle.objects.prefetch_related(Prefetch("lots", queryset=Lot.objects.order_by("lot_number"))),
        request,
        pk=pk,
    )
    form = LotForm(test_article=article)
    spec_form = ReleaseSpecificationForm(instance=article, prefix="spec")
    if request.method == "POST" and request.POST.get("form") == "specification":
        spec_form = ReleaseSpecificationForm(request.POST, instance=article, prefix="spec")
        if spec_form.is_valid():
            spec_form.save()
            messages.success(request, "Saved the release specification.")
            return redirect("test-article-detail", pk=article.pk)
        article.refresh_from_db()
    elif request.method == "POST":
        form = LotForm(request.POST, test_article=article)
        if form.is_valid():
            lot = form.save(commit=False)
            lot.test_article = article
            lot.lab = article.lab
            lot.save()
            messages.success(request, f"Added lot {lot.lot_number}.")
            return redirect("test-article-detail", pk=article.pk)
    return render(
        request,
        "il2portal/test_article_detail.html",
        {
            "article": article,
            "form": form,
            "spec_form": spec_form,
            "sections": registry.test_article_sections(request, article),
            "history": audit_trail(article),
        },
    )


@login_required
def job_detail(request, pk: int):
    job = get_scoped_or_404(Job.objects.select_related("created_by"), request, pk=pk)
    registry.job_subjects([job])
    return render(request, "il2portal/job_detail.html", {"job": job})
