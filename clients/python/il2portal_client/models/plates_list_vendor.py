from enum import StrEnum


class PlatesListVendor(StrEnum):
    BMG_MARS = "bmg_mars"
    BMG_MARS_XLSX = "bmg_mars_xlsx"
    BMG_SMART_CONTROL = "bmg_smart_control"
    ENVISION = "envision"
    GEN5 = "gen5"
    GEN5_KINETIC_COLUMNS = "gen5_kinetic_columns"
    GEN5_XLSX = "gen5_xlsx"
    GLOMAX = "glomax"
    KALEIDO = "kaleido"
    LONG_CSV = "long_csv"
    MATRIX = "matrix"
    MSD = "msd"
    MULTISKAN_LONG = "multiskan_long"
    SKANIT = "skanit"
    SKANIT_CSV = "skanit_csv"
    SKANIT_RESULTS = "skanit_results"
    SOFTMAX_PRO = "softmax_pro"
    TECAN_ICONTROL = "tecan_icontrol"
    TECAN_MAGELLAN = "tecan_magellan"
    TECAN_SPARK = "tecan_spark"
    TECAN_SPARK_CSV = "tecan_spark_csv"
    VICTOR_NIVO = "victor_nivo"
    VICTOR_X3 = "victor_x3"

    def __str__(self) -> str:
        return str(self.value)
