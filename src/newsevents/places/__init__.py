"""Places: the offline gazetteer, toponym detection and resolution, and each event's own location.

Modules: ``gazetteer`` (the GeoNames-derived index, built once into the user cache), ``detect``
(toponym spans on a spaCy parse), ``resolve`` (one gazetteer sense per toponym), ``location`` (the
event's place) and ``stage`` (the registered ``places`` pipeline stage).
"""
