"""Load step: YAML files → typed records (:mod:`.yamlsrc`, :mod:`.models`, :mod:`.records`)."""
