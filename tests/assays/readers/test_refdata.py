"""Every reference export in tests/refdata/platereader: detection, geometry, reads, values, flags.

Values marked README come from tests/refdata/README.md ("Values written in the files"); the others were
read by eye from the files.
"""

from __future__ import annotations

import json
import math

import pytest

from assays.readers import (
    FORMAT_KEYS,
    FORMATS,
    asm_from_result,
    detect_format,
    read_plate_file,
)

from ._support import REFDATA, parsed, ref_bytes

ALPHALISA = "biotek_cytation5_gen5-alphalisa-perk-stdcurve-4pl_384well.txt"
FLUORESCAMINE = "biotek_gen5-sample_fluorescamine-protein-stdcurve-4pl_96well.txt"
SYNERGY_H1 = "biotek_synergyh1_gen5-abs450-ovrflw-missed_96well.txt"
SYNERGY_NEO = "biotek_synergyneo_gen5-kinetic-lum-igg-titration-4pl_96well.txt"
MARS_ELISA = "bmg_pherastar_mars-dsrna-elisa-abs450_96well.csv"
MARS_384 = "bmg_pherastar_mars-qc-fi_384well.csv"
MARS_REF570 = "bmg_pherastar_mars-elisa-abs450-ref570_96well.csv"  # made for the tests, see the README
MARS_CHROMATIC = "bmg_mars-abs450-chromatic1_96well.csv"  # allotropy's test file, see the README
SMART_CONTROL = "bmg_smartcontrol_picogreen-stdcurve_96well.xlsx"
SOFTMAX = "moldev_softmaxpro_abs450-elisa-2plates-stdcurve_96well_utf16.txt"
SPECTRAMAX = "moldev_spectramax340pc_softmaxpro-kinetic-partial-plate_96well.txt"
ENVISION_HTRF = "perkinelmer_envision_htrf-ratio_96well.csv"
ENVISION_384 = "perkinelmer_envision_hts-screen-fi_384well.csv"
GLOMAX = "promega_glomaxnavigator_dual-luciferase_96well.xlsx"
KALEIDO = "revvity_kaleido_abs-endpoint_96well.csv"
ICONTROL = "tecan_infinite200pro_icontrol-abs418_96well.xlsx"
MAGELLAN = "tecan_magellan_elisa-list-format_384well.xlsx"
SPARK = "tecan_spark_sparkcontrol-lum-partial_384well.xlsx"
MULTISKAN = "thermo_multiskansky_skanit-kinetic-abs340.xlsx"
SKANIT_LUC = "thermo_skanit_luciferase_96well.xlsx"
SKANIT_APOE = "thermo_varioskanlux_skanit-apoe-elisa-4pl_96well.xlsx"

# file: (format key, (rows, columns), instrument, software prefix,
#        [(label, kind, wavelength, n points, n timepoints)] for every plate)
EXPECTED = {
    ALPHALISA: ("gen5", (16, 24), "Cytation5", "Gen5 3.12",
                [("Alpha", "fluorescence", None, 48, 0), ("[Concentration]", "other", None, 48, 0)]),
    FLUORESCAMINE: ("gen5", (8, 12), None, "Gen5 3.12",
                    [("400/460", "fluorescence", 460, 96, 0), ("Blank 400/30,460/40", "other", 460, 96, 0),
                     ("Conc", "other", 460, 96, 0)]),
    SYNERGY_H1: ("gen5", (8, 12), "Synergy H1", "Gen5 3.12", [("450nm", "absorbance", 450, 96, 0)]),
    SYNERGY_NEO: ("gen5_kinetic_columns", (8, 12), "Synergy Neo", "Gen5 3.12",
                  [("Lum", "luminescence", None, 470, 10), ("Integral [Lum]", "other", None, 47, 0),
                   ("[Concentration]", "other", None, 47, 0)]),
    MARS_ELISA: ("bmg_mars", (8, 12), "PHERAstar", "BMG MARS", [("450nm", "absorbance", 450, 96, 0)]),
    MARS_384: ("bmg_mars", (16, 24), "PHERAstar", "BMG MARS", [("485/520", "fluorescence", 520, 68, 0)]),
    MARS_REF570: ("bmg_mars", (8, 12), "PHERAstar", "BMG MARS",
                  [("450nm", "absorbance", 450, 96, 0), ("570nm", "absorbance", 570, 96, 0)]),
    MARS_CHROMATIC: ("bmg_mars", (8, 12), None, "BMG MARS", [("450nm", "absorbance", 450, 96, 0)]),
    SMART_CONTROL: ("bmg_smart_control", (8, 12), None, "SMART Control",
                    [("480/520", "fluorescence", 520, 96, 0),
                     ("Blank corrected based on Raw Data (480-14/520-30)", "other", 520, 93, 0)]),
    SOFTMAX: ("softmax_pro", (8, 12), None, "SoftMax Pro",
              [("450nm", "absorbance", 450, 96, 0), ("Reduced", "absorbance", 450, 96, 0),
               ("BackCalcConc", "other", 450, 21, 0), ("Conc", "other", 450, 72, 0)]),
    SPECTRAMAX: ("softmax_pro", (8, 12), None, "SoftMax Pro",
                 [("405nm", "absorbance", 405, 216, 3), ("Value", "other", 405, 4, 0)]),
    ENVISION_HTRF: ("envision", (8, 12), "EnVision", "EnVision Workstation 1.14",
                    [("320/665", "fluorescence", 665, 48, 0), ("320/620", "fluorescence", 620, 48, 0),
                     ("Ratio 665/620", "other", None, 48, 0)]),
    ENVISION_384: ("envision", (16, 24), "EnVision", "EnVision Workstation 1.14",
                   [("Fluorescence", "fluorescence", None, 384, 0)]),
    GLOMAX: ("glomax", (8, 12), "GloMax\u00ae Navigator", "GloMax Navigator 3.0.0",
             [("Lum 1", "luminescence", None, 96, 0), ("Lum 2", "luminescence", None, 96, 0)]),
    KALEIDO: ("kaleido", (8, 12), "EnSight", "Kaleido 2.0", [("450nm", "absorbance", 450, 96, 0)]),
    ICONTROL: ("tecan_icontrol", (8, 12), "infinite 200Pro", "i-control 1.10",
               [("T0", "absorbance", 418, 51, 0), ("ABTS", "absorbance", 418, 765, 15)]),
    MAGELLAN: ("tecan_magellan", (16, 24), "ULTRA", "Magellan",
               [("485nm", "absorbance", 485, 384, 0), ("560nm", "absorbance", 560, 384, 0)]),
    SPARK: ("tecan_spark", (16, 24), "Spark", "SparkControl 2.1", [("Lum", "luminescence", None, 9, 0)]),
    MULTISKAN: ("multiskan_long", (8, 12), "Multiskan Sky", "SkanIt 1.44", [("340nm", "absorbance", 340, 707, 101)]),
    SKANIT_LUC: ("skanit", (8, 12), None, "SkanIt", [("Lum", "luminescence", None, 96, 0)]),
    SKANIT_APOE: ("skanit", (8, 12), "Varioskan LUX", "SkanIt Software 7.0",
                  [("450nm", "absorbance", 450, 96, 0), ("Blank subtracted", "other", 450, 96, 0),
                   ("Conc. [microg/ml]", "other", 450, 94, 0), ("Dilution Factor 1", "other", 450, 94, 0)]),
}  # fmt: skip

# (file, plate index, read label, well, time_s, value or None, flag)
VALUES = [
    # README: Gen5 AlphaLISA 384
    (ALPHALISA, 0, "Alpha", "D1", None, 608643, None),
    (ALPHALISA, 0, "Alpha", "E24", None, 340, None),
    (ALPHALISA, 0, "[Concentration]", "D1", None, 99.850, None),
    (ALPHALISA, 0, "[Concentration]", "E1", None, None, "saturated"),  # >105.000
    (ALPHALISA, 0, "[Concentration]", "E24", None, None, "invalid"),  # <0.000
    (ALPHALISA, 0, "Alpha", "D24", None, 500, None),
    (ALPHALISA, 0, "[Concentration]", "D23", None, 0.046, None),
    # README: Gen5 fluorescamine
    (FLUORESCAMINE, 0, "400/460", "A1", None, 232, None),
    (FLUORESCAMINE, 0, "400/460", "A2", None, 208, None),
    (FLUORESCAMINE, 0, "400/460", "B1", None, 6974, None),
    (FLUORESCAMINE, 0, "Blank 400/30,460/40", "B1", None, 6754, None),
    (FLUORESCAMINE, 0, "Conc", "B1", None, 51.441, None),
    (FLUORESCAMINE, 0, "400/460", "H12", None, 17894, None),
    (FLUORESCAMINE, 0, "Blank 400/30,460/40", "A2", None, -12, None),
    (FLUORESCAMINE, 0, "Conc", "H1", None, 610.398, None),
    (FLUORESCAMINE, 0, "Conc", "A1", None, None, "invalid"),  # <22.500
    # Synergy H1: OVRFLW / MISSED
    (SYNERGY_H1, 0, "450nm", "A1", None, 2.1, None),
    (SYNERGY_H1, 0, "450nm", "H12", None, 2.5, None),
    (SYNERGY_H1, 0, "450nm", "A8", None, None, "saturated"),
    (SYNERGY_H1, 0, "450nm", "H1", None, None, "saturated"),
    (SYNERGY_H1, 0, "450nm", "D12", None, None, "missing"),
    (SYNERGY_H1, 0, "450nm", "H8", None, None, "missing"),
    # README: Synergy Neo
    (SYNERGY_NEO, 0, "Integral [Lum]", "A1", None, 69172.005, None),
    (SYNERGY_NEO, 0, "[Concentration]", "A1", None, None, "saturated"),  # >4200.000
    (SYNERGY_NEO, 0, "Lum", "A1", 0.0, 44372, None),
    (SYNERGY_NEO, 0, "Lum", "A1", 0.21, 40812, None),
    (SYNERGY_NEO, 0, "Lum", "A1", 1.89, 37201, None),
    (SYNERGY_NEO, 0, "Integral [Lum]", "D10", None, 2442.300, None),
    (SYNERGY_NEO, 0, "[Concentration]", "D10", None, 17.164, None),
    (SYNERGY_NEO, 0, "[Concentration]", "A11", None, None, "invalid"),  # <0.000
    # BMG MARS
    (MARS_ELISA, 0, "450nm", "A1", None, 1.691, None),
    (MARS_ELISA, 0, "450nm", "H12", None, 0.884, None),
    (MARS_384, 0, "485/520", "A1", None, 23864, None),
    (MARS_384, 0, "485/520", "A12", None, 231438, None),
    (MARS_384, 0, "485/520", "P24", None, 23949, None),
    # README: BMG SMART Control
    (SMART_CONTROL, 0, "480/520", "A1", None, 8168026, None),
    (SMART_CONTROL, 0, "Blank corrected based on Raw Data (480-14/520-30)", "A1", None, 8152571, None),
    (SMART_CONTROL, 0, "480/520", "H12", None, 15882, None),
    (SMART_CONTROL, 0, "Blank corrected based on Raw Data (480-14/520-30)", "H1", None, -80, None),
    # README: SoftMax Pro, two plates
    (SOFTMAX, 0, "450nm", "A1", None, 3.41797666666667, None),
    (SOFTMAX, 0, "BackCalcConc", "A1", None, 315.067, None),
    (SOFTMAX, 0, "Conc", "A4", None, 254.952, None),
    (SOFTMAX, 0, "450nm", "H12", None, 2.68254658466667, None),
    (SOFTMAX, 1, "450nm", "A1", None, 3.43082333333333, None),
    (SOFTMAX, 1, "BackCalcConc", "A1", None, 315.800, None),
    (SOFTMAX, 1, "Conc", "A4", None, 117.773, None),
    # SpectraMax kinetic, partial plate (columns 2-10)
    (SPECTRAMAX, 0, "405nm", "A2", 0.0, 0.0546, None),
    (SPECTRAMAX, 0, "405nm", "A2", 30.0, 0.0565, None),
    (SPECTRAMAX, 0, "405nm", "A2", 60.0, 0.0557, None),
    (SPECTRAMAX, 0, "405nm", "H10", 60.0, 0.1090, None),
    (SPECTRAMAX, 0, "Value", "B2", None, 100.5, None),
    # EnVision
    (ENVISION_HTRF, 0, "320/665", "A1", None, 31441, None),
    (ENVISION_HTRF, 0, "320/620", "A1", None, 80368, None),
    (ENVISION_HTRF, 0, "Ratio 665/620", "A1", None, 3912.12920565, None),
    (ENVISION_HTRF, 0, "Ratio 665/620", "H7", None, 409.025761641, None),
    (ENVISION_384, 0, "Fluorescence", "A1", None, 512740, None),
    (ENVISION_384, 0, "Fluorescence", "A24", None, 554048, None),
    (ENVISION_384, 0, "Fluorescence", "P24", None, 2692, None),
    # GloMax
    (GLOMAX, 0, "Lum 1", "A1", None, 2010, None),
    (GLOMAX, 0, "Lum 1", "H12", None, 478166, None),
    (GLOMAX, 0, "Lum 2", "A1", None, 2391540, None),
    (GLOMAX, 0, "Lum 2", "H12", None, 137266, None),
    # Kaleido
    (KALEIDO, 0, "450nm", "A1", None, 2.2075694995298862, None),
    (KALEIDO, 0, "450nm", "A11", None, 0.049993264081777893, None),
    (KALEIDO, 0, "450nm", "H12", None, 0.043160960819347817, None),
    # Tecan i-control
    (ICONTROL, 0, "T0", "A1", None, 0.0699, None),
    (ICONTROL, 0, "T0", "E9", None, 0.0627, None),
    (ICONTROL, 0, "ABTS", "A1", 0.0, 0.2586, None),
    (ICONTROL, 0, "ABTS", "A1", 840.0, 0.6376, None),
    (ICONTROL, 0, "ABTS", "E9", 0.0, 0.0628, None),
    # Magellan
    (MAGELLAN, 0, "485nm", "A1", None, 0.0557, None),
    (MAGELLAN, 0, "560nm", "A1", None, 0.0509, None),
    (MAGELLAN, 0, "485nm", "P24", None, 0.0356, None),
    (MAGELLAN, 0, "560nm", "P24", None, 0.05, None),
    # Spark, 9 wells of a 384 plate
    (SPARK, 0, "Lum", "C11", None, 47088, None),
    (SPARK, 0, "Lum", "C12", None, 6600, None),
    (SPARK, 0, "Lum", "D14", None, 95432, None),
    # Multiskan Sky ("A 2" -> "A2")
    (MULTISKAN, 0, "340nm", "A2", 0.0, 1.1296, None),
    (MULTISKAN, 0, "340nm", "A2", 5.99, 1.1224, None),
    (MULTISKAN, 0, "340nm", "G2", 599.99, 0.1093, None),
    # SkanIt
    (SKANIT_LUC, 0, "Lum", "A1", None, 105.4, None),
    (SKANIT_LUC, 0, "Lum", "B6", None, 58370, None),
    (SKANIT_LUC, 0, "Lum", "H12", None, 1043, None),
    # README: SkanIt APOE
    (SKANIT_APOE, 0, "450nm", "A1", None, 1.7455, None),
    (SKANIT_APOE, 0, "Blank subtracted", "A1", None, 1.655, None),
    (SKANIT_APOE, 0, "450nm", "H12", None, 0.1032, None),
    (SKANIT_APOE, 0, "Blank subtracted", "H1", None, -0.000555, None),
    (SKANIT_APOE, 0, "Conc. [microg/ml]", "A2", None, 0.9022, None),
    (SKANIT_APOE, 0, "Conc. [microg/ml]", "A1", None, None, "saturated"),  # " > Max"
    (SKANIT_APOE, 0, "Conc. [microg/ml]", "A3", None, None, "invalid"),  # " < Min"
    (SKANIT_APOE, 0, "Dilution Factor 1", "D3", None, 64.0, None),
    (SKANIT_APOE, 0, "Dilution Factor 1", "A1", None, None, "missing"),  # "NaN"
]

# a misleading name for each file: a text export called .xlsx and a workbook called .csv
MISLEADING = {name: ("results.xlsx" if not name.endswith(".xlsx") else "export.csv") for name in EXPECTED}


def test_it_has_an_expectation_for_every_reference_file():
    assert sorted(p.name for p in REFDATA.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_detects_the_format_from_the_content(name):
    data = ref_bytes(name)
    key = EXPECTED[name][0]
    assert detect_format(data) == key
    assert detect_format(data, filename=name) == key
    assert detect_format(data, filename=MISLEADING[name]) == key
    assert detect_format(data, filename="plate.gen5.txt") == key


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_geometry_reads_and_instrument(name):
    key, (rows, cols), instrument, software, reads = EXPECTED[name]
    result = parsed(name)
    assert result.vendor == key
    assert len(result.plates) == (2 if name == SOFTMAX else 1)
    for plate in result.plates:
        assert (plate.rows, plate.columns) == (rows, cols)
        assert plate.instrument == instrument
        assert plate.software and plate.software.startswith(software)
        got = [(r.label, r.kind, r.wavelength_nm, len(r.points), len(r.timepoints)) for r in plate.reads]
        assert got == reads
        json.dumps(plate.metadata)  # JSON-serialisable
        for read in plate.reads:
            for p in read.points:
                assert p.well == p.well.strip() and "0" != p.well[1:2]  # "A1", never "A01"
                if p.flag is not None:
                    assert p.value is None and p.flag in ("saturated", "masked", "missing", "invalid")
                else:
                    assert p.value is not None and math.isfinite(p.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_the_same_result_when_the_format_is_forced(name):
    forced = read_plate_file(ref_bytes(name), filename=MISLEADING[name], vendor=EXPECTED[name][0])
    auto = parsed(name)
    assert [[(r.label, r.points) for r in p.reads] for p in forced.plates] == [
        [(r.label, r.points) for r in p.reads] for p in auto.plates
    ]


@pytest.mark.parametrize(
    "name,plate,label,well,time_s,value,flag",
    VALUES,
    ids=[f"{v[0][:24]}-{v[2]}-{v[3]}-{v[4]}" for v in VALUES],
)
def test_it_reads_the_values_written_in_the_file(name, plate, label, well, time_s, value, flag):
    read = parsed(name).plates[plate].read(label)
    point = read.point(well, time_s)
    assert point is not None, f"{label} {well} {time_s} missing"
    assert point.flag == flag
    if value is None:
        assert point.value is None
    else:
        assert point.value == pytest.approx(value, rel=1e-6, abs=1e-9)


def test_it_flags_ovrflw_as_saturated_and_missed_as_missing_in_the_synergy_h1_file():
    read = parsed(SYNERGY_H1).plates[0].read("450nm")
    saturated = sorted(p.well for p in read.points if p.flag == "saturated")
    missing = sorted(p.well for p in read.points if p.flag == "missing")
    assert saturated == sorted(["A8", "B7", "C6", "D5", "E4", "F3", "G2", "H1"])
    assert missing == sorted(["D12", "E11", "F10", "G9", "H8"])
    assert all(p.value is None for p in read.points if p.flag)
    assert len([p for p in read.points if p.flag is None]) == 96 - 13
    assert parsed(SYNERGY_H1).plates[0].metadata["flag_texts"]["450nm"]["A8"] == "OVRFLW"


def test_it_keeps_the_original_text_of_out_of_range_concentrations():
    texts = parsed(ALPHALISA).plates[0].metadata["flag_texts"]["[Concentration]"]
    assert texts == {"E1": ">105.000", "E24": "<0.000"}


def test_it_reads_both_softmax_plates_with_names():
    result = parsed(SOFTMAX)
    assert [p.name for p in result.plates] == ["Plate01", "Plate02"]
    assert result.plates[0].read("450nm").value("A1") == pytest.approx(3.418, abs=5e-4)
    assert result.plates[0].metadata["samples"]["A1"] == {"id": "01", "group": "Standards"}


def test_it_keeps_the_blank_mean_of_the_smart_control_file():
    aggregates = parsed(SMART_CONTROL).plates[0].metadata["aggregates"]
    blank = next(a for a in aggregates if a["name"] == "Average of all blanks used")
    assert blank["value"] == pytest.approx(15454.667, abs=1e-3)
    assert blank["wells"] == ["H10", "H11", "H12"]


def test_it_reads_kinetic_timepoints_in_seconds():
    neo = parsed(SYNERGY_NEO).plates[0].read("Lum")
    assert neo.timepoints == pytest.approx([0.0, 0.21, 0.42, 0.63, 0.84, 1.05, 1.26, 1.47, 1.68, 1.89])
    assert neo.is_kinetic and len(neo.wells) == 47 and "D12" not in neo.wells
    spectramax = parsed(SPECTRAMAX).plates[0].read("405nm")
    assert spectramax.timepoints == (0.0, 30.0, 60.0)
    abts = parsed(ICONTROL).plates[0].read("ABTS")
    assert abts.timepoints == tuple(float(t) for t in range(0, 841, 60))
    multiskan = parsed(MULTISKAN).plates[0]
    assert multiskan.read("340nm").timepoints[:3] == (0.0, 5.99, 11.99)
    assert multiskan.metadata["well_time_offsets_s"]["G2"] == pytest.approx(2.54)
    assert parsed(SYNERGY_H1).plates[0].reads[0].timepoints == ()


def test_it_keeps_only_measured_wells_of_partial_plates():
    spark = parsed(SPARK).plates[0].read("Lum")
    assert spark.wells == ("C11", "C12", "C13", "C14", "C15", "D11", "D12", "D13", "D14")
    spectramax = parsed(SPECTRAMAX).plates[0].read("405nm")
    assert len(spectramax.wells) == 72 and "A1" not in spectramax.wells and "A11" not in spectramax.wells
    mars = parsed(MARS_384).plates[0].read("485/520")
    assert mars.point("D1") is None and mars.point("D12") is not None
    multiskan = parsed(MULTISKAN).plates[0].read("340nm")
    assert multiskan.wells == ("A2", "B2", "C2", "D2", "E2", "F2", "G2")


def test_it_exposes_calculated_blocks_as_reads_marked_calculated():
    for name, labels in [
        (ALPHALISA, {"[Concentration]"}),
        (FLUORESCAMINE, {"Blank 400/30,460/40", "Conc"}),
        (SYNERGY_NEO, {"Integral [Lum]", "[Concentration]"}),
        (SMART_CONTROL, {"Blank corrected based on Raw Data (480-14/520-30)"}),
        (SOFTMAX, {"Reduced", "BackCalcConc", "Conc"}),
        (ENVISION_HTRF, {"Ratio 665/620"}),
        (SKANIT_APOE, {"Blank subtracted", "Conc. [microg/ml]", "Dilution Factor 1"}),
    ]:
        plate = parsed(name).plates[0]
        assert {r.label for r in plate.reads if r.calculated} == labels, name
        assert all(r.kind == "other" for r in plate.reads if r.calculated and r.label != "Reduced"), name


def test_it_computes_the_htrf_ratio_from_the_two_channels():
    plate = parsed(ENVISION_HTRF).plates[0]
    for well in ("A1", "D5", "H7"):
        ratio = plate.read("320/665").value(well) / plate.read("320/620").value(well) * 10000
        assert plate.read("Ratio 665/620").value(well) == pytest.approx(ratio, rel=1e-9)


def test_it_reads_plate_names_barcodes_and_dates():
    assert parsed(ENVISION_384).plates[0].barcode == "LoP_pool"
    assert parsed(ENVISION_HTRF).plates[0].barcode is None
    assert parsed(KALEIDO).plates[0].barcode == "V-2020-10-26 16:16:17"
    assert parsed(MARS_ELISA).plates[0].name == "20260618 dsRNA _PLATE_01_18Jun26"
    assert parsed(ICONTROL).plates[0].metadata["date"] == "2025-06-23"  # German 23.06.2025
    assert parsed(SPARK).plates[0].metadata["serial_number"] == "1708005973"
    assert parsed(SYNERGY_NEO).plates[0].metadata["serial_number"] == "Neo_P05"
    assert parsed(SKANIT_APOE).plates[0].metadata["serial_number"] == "3020-81776"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_exports_an_asm_shaped_document(name):
    result = parsed(name)
    asm = asm_from_result(result)
    text = json.dumps(asm, allow_nan=False)
    agg = asm["plate reader aggregate document"]
    assert asm["$asm.manifest"].endswith("plate-reader.manifest")
    wells = {
        (p.name, pt.well) for p in result.plates for r in p.reads if r.kind != "other" for pt in r.points
    }
    assert len(agg["plate reader document"]) >= len(wells)
    if any(r.kind == "other" for p in result.plates for r in p.reads):
        assert agg["calculated data aggregate document"]["calculated data document"]
    assert "NaN" not in text


def test_it_lists_formats_with_how_they_are_read():
    keys = [f.key for f in FORMATS]
    assert keys == list(FORMAT_KEYS) and len(set(keys)) == len(keys)
    via = {f.key: f.via for f in FORMATS}
    assert {k for k, v in via.items() if v == "allotropy"} == {
        "gen5", "softmax_pro", "bmg_mars", "bmg_smart_control", "envision", "kaleido", "tecan_magellan", "skanit"
    }  # fmt: skip
    assert {v[0] for v in EXPECTED.values()} <= set(keys)
    for f in FORMATS:
        assert f.name and f.vendor and f.description and all(e.startswith(".") for e in f.extensions)
