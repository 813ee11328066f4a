"""Sub-commands of ``hcomm`` beyond check/build, one module each; importing a module registers
its commands on :data:`hcomm_gen.cli.main`. Keep each one a thin layer over the library."""
