// Command kubeschemas turns Kubernetes' OpenAPI v2 document (api/openapi-spec/swagger.json in the kubernetes
// module) into the standalone, strict JSON schemas kubeconform reads, one file per kind, laid out as kubeconform's
// local registries expect: DIR/master-standalone-strict/<kind>[-<group>]-<version>.json. kubesec validates every
// manifest with kubeconform before scoring it and otherwise downloads these schemas, which an offline node cannot.
//
// usage: go run main.go -swagger swagger.json -out DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const (
	refPrefix   = "#/definitions/"
	intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
	quantity    = "io.k8s.apimachinery.pkg.api.resource.Quantity"
)

type schema = map[string]any

func main() {
	swagger := flag.String("swagger", "", "Kubernetes OpenAPI v2 document (swagger.json)")
	out := flag.String("out", "", "output folder")
	flag.Parse()
	if *swagger == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: kubeschemas -swagger swagger.json -out DIR")
		os.Exit(2)
	}
	count, err := generate(*swagger, filepath.Join(*out, "master-standalone-strict"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "kubeschemas: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d kind schemas\n", count)
}

func generate(swaggerPath, dir string) (int, error) {
	raw, err := os.ReadFile(swaggerPath)
	if err != nil {
		return 0, err
	}
	var doc struct {
		Definitions map[string]schema `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return 0, fmt.Errorf("%s: %v", swaggerPath, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	c := converter{defs: doc.Definitions}
	count := 0
	for name, def := range doc.Definitions {
		gvks, _ := def["x-kubernetes-group-version-kind"].([]any)
		for _, item := range gvks {
			gvk, _ := item.(map[string]any)
			group, _ := gvk["group"].(string)
			version, _ := gvk["version"].(string)
			kind, _ := gvk["kind"].(string)
			if kind == "" || version == "" {
				return 0, fmt.Errorf("%s: definition %s has an incomplete x-kubernetes-group-version-kind", swaggerPath, name)
			}
			converted, err := c.definition(name, map[string]bool{})
			if err != nil {
				return 0, err
			}
			body, err := json.Marshal(converted)
			if err != nil {
				return 0, err
			}
			if err := os.WriteFile(filepath.Join(dir, fileName(kind, group, version)), body, 0o644); err != nil {
				return 0, err
			}
			count++
		}
	}
	return count, nil
}

// fileName follows kubeconform's registry naming: lower-case kind, first label of the group, version.
func fileName(kind, group, version string) string {
	suffix := "-" + strings.ToLower(version)
	if group != "" {
		suffix = "-" + strings.ToLower(strings.Split(group, ".")[0]) + suffix
	}
	return strings.ToLower(kind) + suffix + ".json"
}

type converter struct{ defs map[string]schema }

// definition inlines a named definition. A definition that refers back to itself (only the CRD validation schema
// does) becomes an unconstrained schema at the point of recursion.
func (c converter) definition(name string, inlining map[string]bool) (any, error) {
	switch name {
	case intOrString:
		return schema{"oneOf": []any{schema{"type": []any{"string", "null"}}, schema{"type": "integer"}}}, nil
	case quantity:
		return schema{"oneOf": []any{schema{"type": []any{"string", "null"}}, schema{"type": "number"}}}, nil
	}
	if inlining[name] {
		return schema{}, nil
	}
	def, ok := c.defs[name]
	if !ok {
		return nil, fmt.Errorf("reference to unknown definition %s", name)
	}
	inlining[name] = true
	defer delete(inlining, name)
	return c.node(def, inlining)
}

// node converts one schema object: references inlined, objects with known properties closed (strict, as
// kubeconform's -strict schemas are), null accepted wherever a value may be left empty in YAML.
func (c converter) node(in schema, inlining map[string]bool) (any, error) {
	if ref, ok := in["$ref"].(string); ok {
		if !strings.HasPrefix(ref, refPrefix) {
			return nil, fmt.Errorf("unsupported reference %q", ref)
		}
		return c.definition(strings.TrimPrefix(ref, refPrefix), inlining)
	}
	out := schema{}
	for key, value := range in {
		switch key {
		case "description", "format", "x-kubernetes-group-version-kind":
			// documentation only, or (format) not asserted by kubernetes' own decoding either
		case "type":
			if t, ok := value.(string); ok {
				out["type"] = []any{t, "null"}
			} else {
				out["type"] = value
			}
		case "properties":
			props := schema{}
			for prop, sub := range value.(map[string]any) {
				converted, err := c.node(sub.(map[string]any), inlining)
				if err != nil {
					return nil, fmt.Errorf("property %s: %w", prop, err)
				}
				props[prop] = converted
			}
			out["properties"] = props
		case "items", "additionalProperties":
			if sub, ok := value.(map[string]any); ok {
				converted, err := c.node(sub, inlining)
				if err != nil {
					return nil, err
				}
				out[key] = converted
			} else {
				out[key] = value
			}
		default:
			out[key] = value
		}
	}
	if _, hasProps := out["properties"]; hasProps {
		if _, open := out["additionalProperties"]; !open {
			out["additionalProperties"] = false
		}
	}
	return out, nil
}
