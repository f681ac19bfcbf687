from enum import StrEnum


class ImportsListVendor(StrEnum):
    BMG_MARS = "bmg_mars"
    BMG_SMART_CONTROL = "bmg_smart_control"
    ENVISION = "envision"
    GEN5 = "gen5"
    GEN5_KINETIC_COLUMNS = "gen5_kinetic_columns"
    GLOMAX = "glomax"
    KALEIDO = "kaleido"
    LONG_CSV = "long_csv"
    MATRIX = "matrix"
    MSD = "msd"
    MULTISKAN_LONG = "multiskan_long"
    SKANIT = "skanit"
    SKANIT_CSV = "skanit_csv"
    SOFTMAX_PRO = "softmax_pro"
    TECAN_ICONTROL = "tecan_icontrol"
    TECAN_MAGELLAN = "tecan_magellan"
    TECAN_SPARK = "tecan_spark"
    TECAN_SPARK_CSV = "tecan_spark_csv"
    VICTOR_NIVO = "victor_nivo"

    def __str__(self) -> str:
        return str(self.value)
