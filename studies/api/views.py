"""Studies API (API.md "Studies"): studies with their groups, animals, measurements, events,
randomisation and analyses nested under ``/studies/{id}/``, plus flat read (and correct) endpoints
for each record type. Every viewset is lab-scoped through LabScopedMixin."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from il2portal.api.errors import ApiError
from il2portal.api.jobs import job_start_schema, parse_wait
from il2portal.api.signing import sign_response, sign_schema
from il2portal.api.viewsets import LabScopedMixin, LabScopedReadOnlyViewSet, LabScopedViewSet, accepted
from studies.api import filters as f
from studies.api.serializers import (
    AnalysisRequestSerializer,
    AnalysisResultSerializer,
    AnimalSerializer,
    ArmSerializer,
    DoseSerializer,
    EventRowSerializer,
    EventSerializer,
    MeasurementCorrectionSerializer,
    MeasurementRowSerializer,
    MeasurementSerializer,
    RandomisationSerializer,
    RandomiseRequestSerializer,
    StudySerializer,
)
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    Study,
)
from studies.services.analyses import analysis_request
from studies.services.common import MAX_BATCH_ROWS, BatchError, StudyError
from studies.services.design import (
    MAX_ANIMALS_PER_REQUEST,
    animal_update,
    animals_check_count,
    animals_create,
    animals_validate,
    arm_create,
    arm_update,
    study_create,
)
from studies.services.dosing import doses_record
from studies.services.events import event_delete, events_record
from studies.services.measurements import measurement_delete, measurement_update, measurements_record
from studies.services.randomisation import randomisation_run
from studies.signing import KIND as STUDY_ANALYSIS


def batch_api_error(exc: BatchError) -> ApiError:
    status_code = 409 if exc.code.startswith("duplicate") else 400
    return ApiError(exc.code, exc.headline(), status_code=status_code, detail=exc.detail())


def study_api_error(exc: StudyError) -> ApiError:
    return ApiError(exc.code, exc.message, status_code=400, detail=exc.detail)


API_FIELDS = {"arm": "group"}  # a service's field name → the API's (API.md)


def _field_errors(exc: BatchError) -> dict[int, dict[str, list[str]]]:
    """A service's row errors as DRF validation errors: ``{row: {field: [message, …]}}``."""
    out: dict[int, dict[str, list[str]]] = {}
    for e in exc.errors:
        out.setdefault(e.index, {}).setdefault(API_FIELDS.get(e.field, e.field), []).append(e.message)
    return out


ARMS_QS = (
    Arm.objects.prefetch_related(
        Prefetch("treatments", queryset=ArmTreatment.objects.select_related("test_article", "lot"))
    )
    .annotate(n_animals=Count("animals"))
    .order_by("study", "order", "id")
)


def _treatment_rows(data: dict, arm: Arm | None = None) -> list[dict] | None:
    """The group's treatments from validated group data: ``treatments``, or the one-treatment form
    (on an existing group: its first treatment changed, the others kept)."""
    single = data.pop("single_treatment", None)
    rows = data.pop("treatments", None)
    if single is None:
        return rows
    if arm is None:
        return [single]
    existing = list(arm.treatments.all())
    if not existing:
        return [single]
    return [{"id": existing[0].pk, **single}] + [{"id": t.pk} for t in existing[1:]]


class StudyViewSet(LabScopedViewSet):
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``."""

    queryset = Study.objects.select_related("created_by").prefetch_related(Prefetch("arms", queryset=ARMS_QS))
    serializer_class = StudySerializer
    filterset_class = f.StudyFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    nested_filterset_class = None  # the FilterSet of a nested list (/studies/{id}/animals/?tag=…)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(n_animals=Count("animals", distinct=True))
            .order_by("-day0", "name", "id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = study_create(lab=data.pop("lab"), user=self.request.user, **data)

    # ---- helpers for the nested lists

    def _nested_list(self, qs, filterset_class, serializer_class):
        assert filterset_class is self.nested_filterset_class  # what the schema documents
        qs = filterset_class(self.request.query_params, queryset=qs, request=self.request).qs
        page = self.paginate_queryset(qs)
        ser = serializer_class(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(ser.data)

    def _context(self, study):
        return {**self.get_serializer_context(), "study": study}

    # ---- groups

    @extend_schema(
        methods=["GET"],
        responses={200: ArmSerializer(many=True)},
        description="The study's groups (arms) with their treatments, a page at a time.",
    )
    @extend_schema(
        methods=["POST"],
        request=ArmSerializer,
        responses={201: ArmSerializer},
        description="Add a group: `{name, treatments: [{treatment, lot, dose, dose_unit, route, schedule}], "
        "dosing_start_day, is_control, capacity}`; each treatment has its own test article and schedule. "
        "The one-treatment form `{name, treatment, lot, dose, route, schedule, …}` stays valid.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=ArmSerializer,
        filterset_class=None,
        nested_filterset_class=f.ArmFilter,
    )
    def groups(self, request, pk=None):
        """List the study's groups (arms), or add one with its treatments."""
        study = self.get_object()
        if request.method == "GET":
            return self._nested_list(ARMS_QS.filter(study=study), f.ArmFilter, ArmSerializer)
        ser = ArmSerializer(data=request.data, context=self._context(study))
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        data.pop("study", None)
        data.pop("lab", None)
        rows = _treatment_rows(data)
        try:
            arm = arm_create(study=study, treatments=rows, user=request.user, **data)
        except StudyError as exc:
            raise study_api_error(exc) from None
        arm = ARMS_QS.get(pk=arm.pk)
        return Response(ArmSerializer(arm, context=self._context(study)).data, status=status.HTTP_201_CREATED)

    # ---- animals

    @extend_schema(
        methods=["GET"],
        responses={200: AnimalSerializer(many=True)},
        description="The study's animals, a page at a time; filter by tag, group, cage, sex or status.",
    )
    @extend_schema(
        methods=["POST"],
        request=PolymorphicProxySerializer(
            component_name="AnimalOrAnimals",
            serializers=[
                AnimalSerializer,
                AnimalSerializer(many=True, min_length=1, max_length=MAX_ANIMALS_PER_REQUEST),
            ],
            resource_type_field_name=None,
            many=False,
        ),
        responses={
            201: PolymorphicProxySerializer(
                component_name="AnimalOrAnimals",
                serializers=[AnimalSerializer, AnimalSerializer(many=True)],
                resource_type_field_name=None,
                many=False,
            )
        },
        description="One object or a list: `{tag, group, sex, cage, implanted_on}`; answers the animal for "
        "an object and the list of animals for a list; all or nothing; at most "
        f"{MAX_ANIMALS_PER_REQUEST:,} animals per request.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=AnimalSerializer,
        filterset_class=None,
        nested_filterset_class=f.AnimalFilter,
    )
    def animals(self, request, pk=None):
        """List the study's animals, or add one animal or a list of animals (all or nothing)."""
        study = self.get_object()
        if request.method == "GET":
            qs = Animal.objects.filter(study=study).select_related("arm")
            return self._nested_list(qs, f.AnimalFilter, AnimalSerializer)
        context = self._context(study)
        single = isinstance(request.data, dict)
        rows = [request.data] if single else request.data
        if not isinstance(rows, list) or not rows:
            raise ApiError("validation_error", "Send one animal object or a non-empty list of them.")
        try:
            animals_check_count(len(rows))
        except StudyError as exc:
            raise study_api_error(exc) from None
        parsed, positions, errors = [], [], {}
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                errors[i] = {"tag": ["Each animal must be an object."]}
                continue
            ser = AnimalSerializer(data=row, context=context)
            if not ser.is_valid():
                errors[i] = ser.errors
                continue
            parsed.append({k: v for k, v in ser.validated_data.items() if k not in ("study", "lab")})
            positions.append(i)
        try:
            validated = animals_validate(study=study, rows=parsed, row_numbers=positions)
        except BatchError as exc:
            for i, fields in _field_errors(exc).items():
                for name, messages in fields.items():
                    errors.setdefault(i, {}).setdefault(name, []).extend(messages)
        if errors:
            errors = dict(sorted(errors.items()))
            if single:
                raise serializers.ValidationError(errors[0])
            raise serializers.ValidationError({"rows": errors})
        try:
            animals = animals_create(study=study, rows=validated, user=request.user)
        except BatchError as exc:
            raise batch_api_error(exc) from None
        out = AnimalSerializer(animals, many=True, context=context).data
        return Response(out[0] if single else out, status=status.HTTP_201_CREATED)

    # ---- measurements

    @extend_schema(
        methods=["GET"],
        responses={200: MeasurementSerializer(many=True)},
        description="The study's measurements (volume computed), a page at a time; filter by animal, tag, "
        "group or date.",
    )
    @extend_schema(
        methods=["POST"],
        request=MeasurementRowSerializer(many=True, max_length=MAX_BATCH_ROWS),
        responses={201: MeasurementSerializer(many=True)},
        description="A list of `{animal: <tag>, date, length_mm, width_mm, weight_g}`. Volume is computed; "
        "length and width are swapped when entered the wrong way round. All rows are checked first; "
        "one bad row rejects the batch, naming it (`rows[3].width_mm: …`), and nothing is stored. At most "
        f"{MAX_BATCH_ROWS:,} rows per request.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=MeasurementSerializer,
        filterset_class=None,
        nested_filterset_class=f.MeasurementFilter,
    )
    def measurements(self, request, pk=None):
        """List the study's measurements, or record a batch (all or nothing)."""
        study = self.get_object()
        if request.method == "GET":
            qs = Measurement.objects.filter(study=study).select_related("animal", "study", "created_by")
            return self._nested_list(qs, f.MeasurementFilter, MeasurementSerializer)
        rows = request.data if isinstance(request.data, list) else [request.data]
        try:
            created = measurements_record(study=study, rows=rows, user=request.user)
        except BatchError as exc:
            raise batch_api_error(exc) from None
        for m in created:
            m.study = study
        return Response(MeasurementSerializer(created, many=True).data, status=status.HTTP_201_CREATED)

    # ---- events

    @extend_schema(
        methods=["GET"],
        responses={200: EventSerializer(many=True)},
        description="The study's events (exits, ulcerations, responses), a page at a time.",
    )
    @extend_schema(
        methods=["POST"],
        request=EventRowSerializer(many=True, max_length=MAX_BATCH_ROWS),
        responses={201: EventSerializer(many=True)},
        description="A list of `{animal, date, kind, note}`. Exit events set the animal's status. At most "
        f"{MAX_BATCH_ROWS:,} rows per request.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=EventSerializer,
        filterset_class=None,
        nested_filterset_class=f.EventFilter,
    )
    def events(self, request, pk=None):
        """List the study's events, or record a list of them (all or nothing)."""
        study = self.get_object()
        if request.method == "GET":
            qs = Event.objects.filter(study=study).select_related("animal", "study", "created_by")
            return self._nested_list(qs, f.EventFilter, EventSerializer)
        rows = request.data if isinstance(request.data, list) else [request.data]
        try:
            created = events_record(study=study, rows=rows, user=request.user)
        except BatchError as exc:
            raise batch_api_error(exc) from None
        for e in created:
            e.study = study
        return Response(EventSerializer(created, many=True).data, status=status.HTTP_201_CREATED)

    # ---- doses

    @extend_schema(responses={200: DoseSerializer(many=True)})
    @action(
        detail=True,
        methods=["get"],
        serializer_class=DoseSerializer,
        filterset_class=None,
        nested_filterset_class=f.DoseFilter,
    )
    def doses(self, request, pk=None):
        """Planned and given doses of the study (generated from the groups' schedules)."""
        study = self.get_object()
        qs = Dose.objects.filter(study=study).select_related(
            "animal", "arm", "study", "given_by", "treatment__test_article", "treatment__lot"
        )
        return self._nested_list(qs, f.DoseFilter, DoseSerializer)

    # ---- randomisation

    @extend_schema(
        request=RandomiseRequestSerializer,
        responses={
            201: RandomisationSerializer,
            200: RandomisationSerializer,
            400: OpenApiResponse(description="e.g. `no_eligible_animals` when no animal fits the window."),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=RandomiseRequestSerializer, filterset_class=None)
    def randomize(self, request, pk=None):
        """Allocate the animals whose volume is in the window to the groups, balancing mean and SD."""
        study = self.get_object()
        ser = RandomiseRequestSerializer(data=request.data, context=self._context(study))
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        try:
            record = randomisation_run(
                study=study,
                arms=d["groups"],
                min_volume_mm3=d["min_volume_mm3"],
                max_volume_mm3=d["max_volume_mm3"],
                seed=d.get("seed"),
                n_iter=d["n_iter"],
                date=d.get("date"),
                user=request.user,
                dry_run=d["dry_run"],
                expected_inputs_sha256=d.get("inputs_sha256"),
            )
        except StudyError as exc:
            raise study_api_error(exc) from None
        body = RandomisationSerializer(record).data
        return Response(body, status=status.HTTP_200_OK if d["dry_run"] else status.HTTP_201_CREATED)

    # ---- analyses

    @extend_schema(
        methods=["GET"],
        responses={200: AnalysisResultSerializer(many=True)},
        description="The study's stored analyses, every version (re-analysis never overwrites), a page at "
        "a time.",
    )
    @job_start_schema(
        methods=["POST"],
        request=AnalysisRequestSerializer,
        description="`{kind: survival | growth, settings}` → a job; its result is the analysis (API.md).",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=AnalysisRequestSerializer,
        filterset_class=None,
        nested_filterset_class=f.AnalysisFilter,
    )
    def analyses(self, request, pk=None):
        """List the study's stored analyses (every version), or start a new one as a job."""
        study = self.get_object()
        if request.method == "GET":
            qs = AnalysisResult.objects.filter(study=study).select_related("created_by")
            return self._nested_list(qs, f.AnalysisFilter, AnalysisResultSerializer)
        wait = parse_wait(request)
        ser = AnalysisRequestSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            job = analysis_request(
                study=study,
                kind=ser.validated_data["kind"],
                settings=ser.validated_data["settings"],
                user=request.user,
            )
        except StudyError as exc:
            raise study_api_error(exc) from None
        return accepted(job, request, wait=wait)

    @sign_schema("Sign the study analysis `analysis_id` (the newest version of its kind): `authored` submits "
                 "it for review; `reviewed`, `approved` or `rejected` (with a reason) by the people the lab's "
                 "rule names.")  # fmt: skip
    @action(
        detail=True,
        methods=["post"],
        url_path=r"analyses/(?P<analysis_id>[0-9]+)/sign",
        filterset_class=None,
    )
    def sign_analysis(self, request, pk=None, analysis_id=None):
        study = self.get_object()
        found = AnalysisResult.objects.filter(study=study, pk=int(analysis_id)).first()
        if found is None:
            raise NotFound(f"The study has no analysis {analysis_id}.")
        return sign_response(request, lab=study.lab, kind=STUDY_ANALYSIS, obj=found)


class ArmViewSet(LabScopedViewSet):
    """Groups (arms) of all studies; create them under ``/studies/{id}/groups/``."""

    queryset = ARMS_QS
    serializer_class = ArmSerializer
    filterset_class = f.ArmFilter
    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer):
        arm = serializer.instance
        data = dict(serializer.validated_data)
        data.pop("lab", None)
        data.pop("study", None)
        rows = _treatment_rows(data, arm)
        try:  # the arm, its treatments and its planned doses change together or not at all
            arm_update(arm=arm, fields=data, treatments=rows, user=self.request.user)
        except StudyError as exc:
            raise study_api_error(exc) from None
        serializer.instance = ARMS_QS.get(pk=arm.pk)


class AnimalViewSet(LabScopedViewSet):
    """Animals of all studies; create them under ``/studies/{id}/animals/``. Status follows events."""

    queryset = Animal.objects.select_related("arm")
    serializer_class = AnimalSerializer
    filterset_class = f.AnimalFilter
    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer):
        fields = {k: v for k, v in serializer.validated_data.items() if k not in ("study", "lab")}
        try:  # the tag and group rules, and planned doses following a change of group
            animal_update(animal=serializer.instance, fields=fields, user=self.request.user)
        except BatchError as exc:
            raise serializers.ValidationError(_field_errors(exc)[0]) from None


_DELETE_REASON = extend_schema(
    parameters=[
        OpenApiParameter("reason", str, description="Why it is removed; kept in the record's history.")
    ]
)


@extend_schema_view(destroy=_DELETE_REASON)
class MeasurementViewSet(
    LabScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Measurements, by study, animal (in the order they were added) and day; ``PATCH`` corrects one
    (re-validated, old values kept in the audit trail)."""

    # ordered along an index: sorting a lab's rows by animal tag read and sorted all of them per page
    queryset = Measurement.objects.select_related("animal", "study", "created_by").order_by(
        "lab_id", "study_id", "animal_id", "date"
    )
    serializer_class = MeasurementSerializer
    filterset_class = f.MeasurementFilter

    @extend_schema(request=MeasurementCorrectionSerializer, responses={200: MeasurementSerializer})
    def partial_update(self, request, pk=None):
        measurement = self.get_object()
        ser = MeasurementCorrectionSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        reason = str(data.pop("reason", "") or "")
        try:
            measurement_update(measurement=measurement, data=data, user=request.user, reason=reason)
        except BatchError as exc:
            raise ApiError(exc.code, exc.headline(lambda i: "measurement"), detail=exc.detail()) from None
        return Response(MeasurementSerializer(measurement).data)

    def perform_destroy(self, instance):
        measurement_delete(
            measurement=instance, user=self.request.user, reason=self.request.query_params.get("reason", "")
        )


@extend_schema_view(destroy=_DELETE_REASON)
class EventViewSet(
    LabScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Events; record them under ``/studies/{id}/events/``. ``DELETE`` undoes one entered by mistake."""

    queryset = Event.objects.select_related("animal", "study", "created_by")
    serializer_class = EventSerializer
    filterset_class = f.EventFilter

    def perform_destroy(self, instance):
        event_delete(
            event=instance, user=self.request.user, reason=self.request.query_params.get("reason", "")
        )


class DoseViewSet(LabScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Planned and given doses. ``PATCH {status: given | skipped | planned, note}`` records a dose."""

    queryset = Dose.objects.select_related(
        "animal", "arm", "study", "given_by", "treatment__test_article", "treatment__lot"
    )
    serializer_class = DoseSerializer
    filterset_class = f.DoseFilter

    @extend_schema(
        request=inline_serializer(
            "DoseUpdate",
            {
                "status": serializers.ChoiceField(choices=Dose.Status.choices),
                "note": serializers.CharField(required=False),
            },
        ),
        responses={200: DoseSerializer},
    )
    def partial_update(self, request, pk=None):
        dose = self.get_object()
        if not isinstance(request.data, dict):
            raise ApiError("validation_error", 'The body must be an object such as {"status": "given"}.')
        value = request.data.get("status")
        if value not in Dose.Status.values:
            raise ApiError(
                "validation_error",
                f"status: use one of {', '.join(Dose.Status.values)}.",
                detail={"status": ["invalid"]},
            )
        note = request.data.get("note") or ""
        limit = Dose._meta.get_field("note").max_length
        if not isinstance(note, str) or len(note) > limit:
            raise ApiError(
                "validation_error",
                f"note: text of at most {limit} characters.",
                detail={"note": [f"at most {limit} characters"]},
            )
        doses_record(doses=[dose], status=value, user=request.user, note=note)
        return Response(DoseSerializer(dose).data)


class RandomisationViewSet(LabScopedReadOnlyViewSet):
    queryset = Randomisation.objects.select_related("created_by")
    serializer_class = RandomisationSerializer
    filterset_class = f.RandomisationFilter


class AnalysisViewSet(LabScopedReadOnlyViewSet):
    """Stored analysis results, every version (re-analysis never overwrites)."""

    queryset = AnalysisResult.objects.select_related("created_by")
    serializer_class = AnalysisResultSerializer
    filterset_class = f.AnalysisFilter
