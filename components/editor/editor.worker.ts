// Monaco's base editor worker (diffs, word ranges), bundled from our own origin.
import "monaco-editor/editor/editor.worker.js";
