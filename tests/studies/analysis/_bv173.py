"""BV-173-Gluc xenografts (relative luminescence, RLU) from the SynergyLMM manuscript, Fig. 2c–d:
public repository RafRomB/SynergyLMM_manuscript, file data/Fig2/BV_173.csv (Romero-Becerra et al.,
Nat Commun 2025; data from Narayan et al.). Per mouse the measurements on days 7, 14, 21, …; the blank
and "Not measured" cells of the file are left out (R reads them as NA and lmmModel drops them).

The manuscript fits ``lmmModel(BV173Gluc, time = "Day", ...)`` after ``Day <- sqrt(Day - 7)`` with no
variance function, and publishes ``lmmModel_estimates`` in data/Fig6/BV173Gluc_model_estimates.csv:
PUBLISHED below (nlme REML; rates in ln(RLU/RLU0) per √day).
"""

ARMS = {"1": "Control", "2": "Imatinib", "3": "Desatinib", "4": "Imatinib_Desatinib"}

RLU = {
    "1-1": (17.798, 496.566, 974.8838, 1628.037, 1263.499),
    "1-2": (30.956, 588.9899, 741.2883, 616.4917, 886.372),
    "1-3": (19.953, 114.4509, 690.3646, 1367.9611),
    "1-4": (12.18, 576.3343, 860.0766, 768.4712),
    "1-5": (22.64, 102.6834, 153.7847, 1488.3428),
    "1-6": (21.55, 173.9362, 214.531, 419.4029, 215.582),
    "2-1": (26.3129, 74.6799, 122.695, 159.37, 132.68, 112.924, 209.474, 231.623),
    "2-2": (12.0498, 81.9872, 78.38, 216.24, 215.24, 221.55, 265.96, 264.827),
    "2-3": (11.8076, 80.5196, 124.4, 179.3, 159.37, 179.3, 250.056),
    "2-4": (37.069, 76.7389, 106.152, 202.55, 232.68, 238.84, 314.72, 266.082),
    "2-5": (21.5096, 63.797, 185.27, 116.5, 109.237, 118.3, 227.238, 236.751),
    "2-6": (25.4822, 59.5912, 177.94, 89.75, 80.234, 66.341, 92.306, 69.144),
    "3-1": (26.0042, 65.742, 85.446, 109.237, 122.695, 134.5, 223.465, 229.968),
    "3-2": (24.5211, 58.2, 84.39, 165.96, 109.38, 184.533, 254.07),
    "3-3": (15.2258, 53.193, 73.2, 213.72, 153.731, 230.373, 222.673, 246.679),
    "3-4": (24.3008, 52.57, 127.39, 182.68, 159.37, 255.869, 262.06, 313.29),
    "3-5": (14.5746, 43.294, 63.144, 131.37, 123.4, 129.75, 83.374, 78.827),
    "3-6": (31.2545, 59.833, 98.3, 123.57, 117.152, 150.281, 199.765, 219.441),
    "4-1": (32.2571, 42.6533, 43.28, 87.203, 88.742, 57.731, 72.384, 30.862),
    "4-2": (22.1109, 31.3355, 29.76, 75.9356, 78.2, 72.981, 43.27, 55.855),
    "4-3": (34.7663, 55.8681, 31.74, 79.5118, 83.193, 53.951, 37.94, 33.191),
    "4-4": (19.4968, 16.1963, 62.52, 85.5689, 52.57, 39.47, 61.013, 56.713),
    "4-5": (22.5645, 51.6163, 49.28, 97.7889, 89.001, 42.74, 35.934, 22.272),
    "4-6": (14.9007, 21.1924, 48.58, 99.665, 75.243, 78.014, 51.838, 40.396),
}

# data/Fig6/BV173Gluc_model_estimates.csv: Control, Imatinib, Desatinib, Combination, sd_ranef, sd_resid
PUBLISHED = {
    "rates": (0.819004423986254, 0.371117981485976, 0.348132608115811, 0.146922053466925),
    "sd_ranef": 0.228687684513472,
    "sd_resid": 0.445269535649115,
    "power_bliss": 0.781,  # PostHocPwr(BV173Gluc_lmm, method = "Bliss"), nsim = 1000, set.seed(123)
    "power_hsa": 0.894,
}

ROLES = {"control": "Control", "a": "Imatinib", "b": "Desatinib", "combination": "Imatinib_Desatinib"}


def rows(sqrt_time=True):
    """(animal, arm, time, RLU) with time = sqrt(day − 7) as in the manuscript (or the day)."""
    out = []
    for mouse, values in RLU.items():
        arm = ARMS[mouse[0]]
        for j, v in enumerate(values):
            day = 7 + 7 * j
            out.append((f"{mouse}_{arm}", arm, (day - 7) ** 0.5 if sqrt_time else day, v))
    return out
