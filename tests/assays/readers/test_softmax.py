"""The portal's own SoftMax Pro text reader (assays/readers/softmax.py) and how ``read_plate_file`` uses it:
allotropy first, the own reader where allotropy refuses a file or converts less than it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from assays.readers import ParseError, read_plate_file
from assays.readers.softmax import parse_header, parse_softmax, parse_time

CORPUS = Path(__file__).resolve().parents[2] / "refdata" / "corpus" / "moldev_softmaxpro"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


LUM_SPECTRUM = "softmaxpro_lum-spectrum-timeformat-360-750nm_96well.txt"
ABS_SPECTRUM = "softmaxpro_abs-spectrum-525-565nm-partial-16cols_384well.txt"
FL_KINETIC = "softmaxpro_fl-kinetic-3wavelengths-7reads_96well.txt"


def _text(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def _tab(*cells) -> str:
    return "\t".join(str(c) for c in cells)


def timeformat_kinetic(decimal: str = ".") -> bytes:
    """A TimeFormat kinetic absorbance section (2 wavelengths x 3 time points x 3 wells) with a Reduced line,
    as SoftMax Pro 7 writes it (header fields as in allotropy's absorbance header)."""
    wells = ["A1", "A2", "A3"]

    def v(x: float) -> str:
        return f"{x:g}".replace(".", decimal)

    lines = [
        "##BLOCKS= 1",
        _tab("Plate:", "KinPlate", "1.3", "TimeFormat", "Kinetic", "Absorbance", "Raw", "FALSE", 3, 60, 30,
             "", "", "", 2, "340 405 ", 1, 12, 96, 1, 8),
        _tab("Time", "Temperature(\u00b0C)", *wells),
    ]  # fmt: skip
    for base in (0.1, 1.0):
        for k, t in enumerate(("00:00:00", "00:00:30", "00:01:00")):
            lines.append(_tab(t, v(25.0 + k / 10), *(v(base + k * 0.01 + i) for i in range(3))))
        lines.append("")
    lines += [_tab("", "", *wells), _tab("", "", v(0.02), v(0.025), "Range?"), "~End"]
    return _text(lines)


def test_it_parses_the_fields_of_a_plate_header_line_by_read_mode():
    fl = parse_header(
        "Plate:\tPlate1\t1.3\tPlateFormat\tKinetic\tFluorescence\tFALSE\tRaw\tFALSE\t7\t600\t90\t\t\t\t3\t525 525 525 "
        "\t1\t12\t96\t485 485 485 \tAutomatic\t515\t\t\t6\tMedium\t\t\t1\t8".split("\t"),
        1,
    )
    assert (fl.read_type, fl.data_type, fl.kinetic_points, fl.read_time, fl.read_interval) == (
        "Kinetic", "Raw", 7, 600, 90,
    )  # fmt: skip
    assert fl.wavelengths == [525, 525, 525] and fl.excitation == [485, 485, 485]
    assert (fl.num_wells, fl.gain, fl.first_row, fl.num_rows, fl.bottom_read) == (96, "Medium", 1, 8, False)
    ab = parse_header(
        "Plate:\tPlate1\t1.3\tPlateFormat\tSpectrum\tAbsorbance\tRaw\tFALSE\t21\t\t\t525\t565\t2\t\t\t1\t16\t384\t1\t16".split(
            "\t"
        ),
        1,
    )
    assert (ab.spectrum, ab.kinetic_points, ab.num_wells, ab.num_columns, ab.num_rows) == (
        (525, 565, 2), 21, 384, 16, 16,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:01:30", 90), ("1:30", 90), ("0:00:01.5", 1.5), ("90", 90), ("", None), ("x", None)],
)
def test_it_reads_kinetic_times(text, seconds):
    assert parse_time(text) == seconds


def test_it_reads_a_luminescence_spectrum_allotropy_refuses_and_says_which_reader_read_it():
    result = read_plate_file(corpus(LUM_SPECTRUM), filename=LUM_SPECTRUM)
    (plate,) = result.plates
    measured = [r for r in plate.reads if not r.calculated]
    (spectrum,) = measured
    assert (spectrum.kind, spectrum.mode, len(spectrum.wavelengths)) == ("luminescence", "spectral", 40)
    assert spectrum.wavelengths[0] == 360 and spectrum.wavelengths[-1] == 750
    assert spectrum.value("A1", wavelength_nm=370) == 0.92074
    assert spectrum.metadata["temperature_c"] == 35
    reduced = plate.read("Reduced")
    assert reduced.calculated and reduced.kind == "other" and reduced.value("H12") == 690
    assert any("portal's own SoftMax Pro reader" in w and "spectrum read" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "latin-1", "utf-8"])
def test_it_reads_softmax_pro_text_in_every_encoding_softmax_writes(encoding):
    text = corpus(LUM_SPECTRUM).decode("latin-1")
    result = read_plate_file(text.encode(encoding), filename=LUM_SPECTRUM)
    spectrum = result.plates[0].reads[0]
    assert spectrum.value("D5", wavelength_nm=470) == 0 and spectrum.value("H12", wavelength_nm=750) == 0.9819


def test_it_keeps_the_declared_384_well_plate_when_16_of_24_columns_were_read():
    result = read_plate_file(corpus(ABS_SPECTRUM), filename=ABS_SPECTRUM)
    (plate,) = result.plates
    assert (plate.rows, plate.columns) == (16, 24)
    spectrum = plate.reads[0]
    assert spectrum.mode == "spectral" and len(spectrum.wavelengths) == 21 and len(spectrum.wells) == 256
    assert spectrum.value("P16", wavelength_nm=565) == 0.041
    assert plate.metadata["columns_read"] == [1, 16]


def test_it_reads_a_timeformat_kinetic_section_with_its_reduced_line():
    result = parse_softmax(timeformat_kinetic())
    (plate,) = result.plates
    a340, a405, reduced = plate.reads
    assert (a340.label, a340.wavelength_nm, a340.mode, a340.timepoints) == (
        "340nm",
        340,
        "kinetic",
        (0, 30, 60),
    )
    assert a340.value("A2", 30) == pytest.approx(1.11) and a405.value("A3", 60) == pytest.approx(3.02)
    assert a340.metadata["temperatures_c"] == [25.0, 25.1, 25.2]
    assert a340.metadata["interval_s"] == 30 and a340.metadata["declared_time_points"] == 3
    assert reduced.calculated and reduced.point("A3").flag == "invalid"
    assert plate.metadata["flag_texts"] == {"Reduced": {"A3": "Range?"}}


def test_it_reads_decimal_commas():
    dot = parse_softmax(timeformat_kinetic())
    comma = parse_softmax(timeformat_kinetic(decimal=","))
    assert [p.value for p in comma.plates[0].reads[1].points] == [
        p.value for p in dot.plates[0].reads[1].points
    ]


def test_it_reads_a_plate_section_with_missing_rows_and_says_so():
    name = "softmaxpro_abs450-raw-rows-A-C-only-reduced-4-rows_24well.txt"
    result = read_plate_file(corpus(name), filename=name)
    (plate,) = result.plates
    raw = plate.read("450nm")
    assert (plate.rows, plate.columns) == (4, 6)
    assert raw.value("C6") == 0.158 and raw.point("D1") is None and not raw.calculated
    assert plate.read("Reduced").calculated and plate.read("Reduced").value("D1") == 0.354
    assert any("rows A-C of the 4" in w and "row D is not in the file" in w for w in result.warnings)


def test_it_reads_the_time_points_present_when_fewer_than_declared():
    name = "softmaxpro_fl-kinetic-4-reads-declared-2-present_6well.txt"
    result = read_plate_file(corpus(name), filename=name)
    read = result.plates[0].reads[0]
    assert read.timepoints == (0, 90) and read.point("A1", 90).flag == "missing"
    assert any("declares 4 kinetic reads but the file holds 2" in w for w in result.warnings)


def test_it_keeps_two_sections_with_the_same_name_as_two_named_plates():
    name = "softmaxpro_abs-2-plate-sections-same-name-200-280-300nm_96well.txt"
    result = read_plate_file(corpus(name), filename=name)
    assert [p.name for p in result.plates] == ["Plate01", "Plate01 (2)"]
    assert [r.wavelength_nm for p in result.plates for r in p.reads] == [200, 280, 300]
    assert any("share the name Plate01" in w for w in result.warnings)


def test_it_refuses_data_lines_shorter_than_their_well_header_naming_the_line():
    name = "softmaxpro_abs-timeformat-3wl-10-values-under-96-well-header.txt"
    with pytest.raises(ParseError) as err:
        read_plate_file(corpus(name), filename=name)
    assert "Line 4" in err.value.message and "10 values under a header of 96 wells" in err.value.message
    assert err.value.line == 4


def test_it_uses_its_own_reading_when_allotropy_drops_a_spectrum_next_to_an_endpoint_plate():
    endpoint = corpus("softmaxpro_fl-ex380-em505-plus-2-lum-plates_96well.txt").decode("latin-1")
    first = endpoint[endpoint.index("Plate:") : endpoint.index("~End") + len("~End")]
    spectrum = corpus(ABS_SPECTRUM).decode("latin-1")
    second = spectrum[spectrum.index("Plate:") : spectrum.index("~End") + len("~End")]
    data = f"##BLOCKS= 2\r\n{first}\r\n{second}\r\n".encode("latin-1")
    result = read_plate_file(data, filename="mixed.txt")
    assert [p.reads[0].mode for p in result.plates] == ["endpoint", "spectral"]
    assert any("allotropy converted 0 of the 1 kinetic or spectral" in w for w in result.warnings)


def test_it_adds_the_declared_read_settings_to_allotropys_reads():
    result = read_plate_file(corpus(FL_KINETIC), filename=FL_KINETIC)
    plate = result.plates[0]
    read = plate.reads[0]
    assert plate.metadata["converter"].startswith("allotropy_molecular_devices_softmax_pro")
    assert "samples" not in plate.metadata  # allotropy's plate, not ours
    assert read.metadata["excitation_nm"] == 485 and read.metadata["gain"] == "Medium"
    assert read.metadata["interval_s"] == 90 and read.metadata["temperature_c"] == 35
    reduced = plate.read("Reduced")
    assert reduced.calculated and reduced.wavelength_nm != 600  # 600 is the run time, not a wavelength
    assert not any("own SoftMax Pro reader" in w for w in result.warnings)


def test_it_gives_an_unfiltered_luminescence_read_no_wavelength():
    name = "softmaxpro_fl-ex380-em505-plus-2-lum-plates_96well.txt"
    result = read_plate_file(corpus(name), filename=name)
    lum = result.plates[1].reads[0]
    assert lum.kind == "luminescence" and lum.wavelength_nm is None and lum.label == "Lum"


def test_it_reads_group_sample_names_when_it_reads_the_file_itself():
    name = "softmaxpro_abs450-650-side-by-side-groups_96well.txt"
    own = parse_softmax(corpus(name))
    assert own.plates[0].metadata["samples"]["A2"] == {"id": "01", "group": "Standards"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_kinetic_section_stays_kinetic_and_its_reduced_summary_stays_calculated(encoding):
    """The case of a SoftMax Pro kinetic plate exported as UTF-16: every time point per well is kept, the
    Reduced block (the software's summary) is a calculated read, never a measured read at some wavelength."""
    data = corpus(FL_KINETIC).decode("latin-1").encode(encoding)
    plate = read_plate_file(data, filename=FL_KINETIC).plates[0]
    measured = [r for r in plate.reads if not r.calculated]
    assert [(r.mode, len(r.timepoints), len(r.wells)) for r in measured] == [("kinetic", 7, 96)] * 3
    assert measured[0].value("A1", 90) == 39.50988
    (reduced,) = [r for r in plate.reads if r.label == "Reduced"]
    assert reduced.calculated and reduced.mode == "endpoint" and reduced.wavelength_nm is None
