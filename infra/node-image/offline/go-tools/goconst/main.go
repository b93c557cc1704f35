// Command goconst prints the value of a string constant or variable declared in a Go source file, evaluating
// concatenations of string literals and other string constants of the same file. kind keeps its default CNI
// and storage manifests as such constants; we extract them at build time rather than copying kind's text.
//
// usage: go run main.go -file const_cni.go -name defaultCNIManifest [-set kindnetdImage=REF]...
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
)

type overrides map[string]string

func (o overrides) String() string { return fmt.Sprint(map[string]string(o)) }

func (o overrides) Set(value string) error {
	name, v, ok := strings.Cut(value, "=")
	if !ok || name == "" {
		return fmt.Errorf("-set wants NAME=VALUE, got %q", value)
	}
	o[name] = v
	return nil
}

func main() {
	file := flag.String("file", "", "Go source file")
	name := flag.String("name", "", "constant or variable to print")
	set := overrides{}
	flag.Var(set, "set", "replace another constant's value before evaluating (NAME=VALUE, repeatable)")
	flag.Parse()
	if *file == "" || *name == "" {
		fmt.Fprintln(os.Stderr, "usage: goconst -file FILE.go -name NAME [-set OTHER=VALUE]...")
		os.Exit(2)
	}
	value, err := extract(*file, *name, set)
	if err != nil {
		fmt.Fprintf(os.Stderr, "goconst: %v\n", err)
		os.Exit(1)
	}
	fmt.Print(value)
}

func extract(path, name string, set overrides) (string, error) {
	parsed, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	exprs := map[string]ast.Expr{}
	for _, decl := range parsed.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || (gen.Tok != token.CONST && gen.Tok != token.VAR) {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, ident := range vs.Names {
				if i < len(vs.Values) {
					exprs[ident.Name] = vs.Values[i]
				}
			}
		}
	}
	for other := range set {
		if _, ok := exprs[other]; !ok {
			return "", fmt.Errorf("%s: -set %s: no such constant (the upstream file changed?)", path, other)
		}
	}
	e := evaluator{exprs: exprs, set: set, path: path}
	return e.eval(name, map[string]bool{})
}

type evaluator struct {
	exprs map[string]ast.Expr
	set   overrides
	path  string
}

func (e evaluator) eval(name string, visiting map[string]bool) (string, error) {
	if v, ok := e.set[name]; ok {
		return v, nil
	}
	expr, ok := e.exprs[name]
	if !ok {
		return "", fmt.Errorf("%s: no constant or variable %q", e.path, name)
	}
	if visiting[name] {
		return "", fmt.Errorf("%s: %q refers to itself", e.path, name)
	}
	visiting[name] = true
	defer delete(visiting, name)
	return e.expr(expr, visiting)
}

func (e evaluator) expr(expr ast.Expr, visiting map[string]bool) (string, error) {
	switch x := expr.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", fmt.Errorf("%s: %s is not a string literal", e.path, x.Value)
		}
		return strconv.Unquote(x.Value)
	case *ast.Ident:
		return e.eval(x.Name, visiting)
	case *ast.ParenExpr:
		return e.expr(x.X, visiting)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", fmt.Errorf("%s: only + of strings is supported, found %s", e.path, x.Op)
		}
		left, err := e.expr(x.X, visiting)
		if err != nil {
			return "", err
		}
		right, err := e.expr(x.Y, visiting)
		if err != nil {
			return "", err
		}
		return left + right, nil
	default:
		return "", fmt.Errorf("%s: unsupported expression %T", e.path, expr)
	}
}
