"""Writes of the studies app, one module per part of a study. Each service is keyword-only and atomic;
the pages, the API, the sheet import and the jobs call these and nothing else writes study records.

- :mod:`~studies.services.common`: errors (``BatchError`` naming rows, ``StudyError``), request limits,
  the lab's today, the parsers of row values;
- :mod:`~studies.services.design`: the study, its groups (arms) and their treatments, its animals;
- :mod:`~studies.services.measurements`: caliper and weight measurements, their corrections, sheet uploads;
- :mod:`~studies.services.events`: exits and other events of an animal;
- :mod:`~studies.services.dosing`: planned, given and skipped doses;
- :mod:`~studies.services.randomisation`: allocation of the animals into groups;
- :mod:`~studies.services.analyses`: growth and survival analyses and their stored versions.

Reads (the dashboard's, the lists') are in :mod:`studies.selectors`.
"""
