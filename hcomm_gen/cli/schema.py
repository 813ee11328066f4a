"""``hcomm schema [--out DIR]``: write the JSON Schemas of the record files for editors.

One ``KIND.schema.json`` per record kind (:mod:`hcomm_gen.app.schema`), by default into the
office's ``.hcomm/schema/``, where the office's ``.vscode/settings.json`` points the VS Code YAML
extension at them (written too when the office has none: an office made before ``hcomm init``);
run it again after upgrading hcomm. With ``--out DIR``: the schemas only, into DIR.
Exit code 0, 2 for a usage error (no office folder), 3 when the folder cannot be written."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.schema import SCHEMA_DIR, install_editor_support, write_schemas
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.core.problems import rel


@main.command("schema")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Folder to write the schemas into (default: {SCHEMA_DIR}/ in the office folder).")
@click.pass_obj
def schema(ctx: Ctx, out: Path | None) -> None:
    """Write JSON Schemas of the record files, for editors (VS Code YAML extension)."""
    settings = None
    if out is None:
        root_ok(ctx)
        out = ctx.root / SCHEMA_DIR
        paths, settings = install_editor_support(ctx.root)
    else:
        paths = write_schemas(out)
    shown = rel(out, Path.cwd())
    ctx.say(f"已写入 {len(paths)} 个记录格式文件（JSON Schema）到 {shown}/。"
            "用 VS Code 打开办公室文件夹并安装 YAML 扩展（Red Hat），编辑记录时就会提示字段和取值。",
            f"Wrote {len(paths)} record schemas (JSON Schema) to {shown}/. Open the office folder in "
            "VS Code with the YAML extension (Red Hat) to get field hints while editing records.")
    if settings is not None:
        ctx.say(f"已写入编辑器设置 {rel(settings, Path.cwd())}（记录文件夹 → 记录格式）。",
                f"Wrote the editor settings {rel(settings, Path.cwd())} (record folders → schemas).")
    sys.exit(EXIT_OK)
