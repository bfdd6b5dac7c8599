"""English date formats: Django's, ending with the time zone's abbreviation.

Editors read times in their own zone (terms.editor_time_zone), so every time says which zone
it is in ("Dec. 3, 2026, 9:41 a.m. EST"). Ending with the zone also keeps a sentence that ends
with a time from reading "a.m.." (reader pages format their dates explicitly).
"""

DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"
