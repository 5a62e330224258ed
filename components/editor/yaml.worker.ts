// The YAML language worker (monaco-yaml), bundled from our own origin.
import "monaco-yaml/yaml.worker.js";
