package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/kustomize/kyaml/fieldmeta"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/openapi"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

const marker = "$imagepolicy"

type latestRef struct {
	Name   string `json:"name"`
	Tag    string `json:"tag"`
	Digest string `json:"digest,omitempty"`
}

type objectID struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Namespace  string `json:"namespace"`
}

type change struct {
	OldValue string `json:"oldValue"`
	NewValue string `json:"newValue"`
	Setter   string `json:"setter"`
}

type objectChanges struct {
	Object  objectID `json:"object"`
	Changes []change `json:"changes"`
}

type fileChanges struct {
	File    string          `json:"file"`
	Objects []objectChanges `json:"objects"`
}

func init() {
	fieldmeta.SetShortHandRef(marker)
	openapi.SuppressBuiltInSchemaUse()
}

// setterDefs builds one string-typed setter definition per policy and suffix, the way the
// controller registers them: ns:p (full ref), ns:p:tag, ns:p:name, ns:p:digest.
func setterDefs(latest map[string]latestRef) *spec.Schema {
	defs := map[string]spec.Schema{}
	add := func(name, value string) {
		s := spec.StringProperty()
		s.Extensions = map[string]any{}
		s.Extensions.Add("x-k8s-cli", map[string]any{"setter": map[string]string{"name": name, "value": value}})
		defs[fieldmeta.SetterDefinitionPrefix+name] = *s
	}
	for key, ref := range latest {
		full := ref.Name + ":" + ref.Tag
		if ref.Digest != "" {
			full += "@" + ref.Digest
		}
		add(key, full)
		add(key+":tag", ref.Tag)
		add(key+":name", ref.Name)
		add(key+":digest", ref.Digest)
	}
	return &spec.Schema{SchemaProps: spec.SchemaProps{Definitions: defs}}
}

// readTree walks root like filepath.Walk does for the controller and parses every screened file.
func readTree(root string) ([]*yaml.RNode, []string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	base := abs
	var nodes []*yaml.RNode
	var problems []string
	token := []byte(`"` + marker + `"`)
	err = filepath.Walk(abs, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if p == abs && !info.IsDir() {
			base = filepath.Dir(p)
		}
		if info.IsDir() {
			return nil
		}
		ext := filepath.Ext(p)
		if ext != ".yaml" && ext != ".yml" && filepath.Base(p) != "Kustomization" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Contains(data, token) {
			return nil
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		r := &kio.ByteReader{
			Reader:            bytes.NewReader(data),
			SetAnnotations:    map[string]string{kioutil.PathAnnotation: rel},
			PreserveSeqIndent: true,
		}
		docs, err := r.Read()
		if err != nil {
			problems = append(problems, rel)
			return nil
		}
		nodes = append(nodes, docs...)
		return nil
	})
	return nodes, problems, err
}

// setterOf returns the setter (name, value, schema) a scalar's comment refers to, if any.
func setterOf(n *yaml.RNode, defs *spec.Schema) (string, string, *spec.Schema, bool) {
	fm := fieldmeta.FieldMeta{SettersSchema: defs}
	if err := fm.Read(n); err != nil || fm.IsEmpty() || fm.Schema.Ref.String() == "" {
		return "", "", nil, false
	}
	s, err := openapi.Resolve(&fm.Schema.Ref, defs)
	if err != nil || s == nil {
		return "", "", nil, false
	}
	raw, ok := s.Extensions["x-k8s-cli"]
	if !ok {
		return "", "", nil, false
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return "", "", nil, false
	}
	var ext struct {
		Setter *struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"setter"`
	}
	if json.Unmarshal(b, &ext) != nil || ext.Setter == nil {
		return "", "", nil, false
	}
	return ext.Setter.Name, ext.Setter.Value, s, true
}

// visit walks a node depth-first in document order and sets every marked scalar.
func visit(n *yaml.RNode, defs *spec.Schema, record func(setter, old, new string)) error {
	switch n.YNode().Kind {
	case yaml.DocumentNode:
		return visit(yaml.NewRNode(n.YNode().Content[0]), defs, record)
	case yaml.MappingNode:
		return n.VisitFields(func(f *yaml.MapNode) error { return visit(f.Value, defs, record) })
	case yaml.SequenceNode:
		return n.VisitElements(func(e *yaml.RNode) error { return visit(e, defs, record) })
	case yaml.ScalarNode:
		name, value, schema, ok := setterOf(n, defs)
		if !ok {
			return nil
		}
		old := n.YNode().Value
		n.YNode().Value = value
		if old != value {
			record(name, old, value)
		}
		yaml.FormatNonStringStyle(n.YNode(), *schema)
	}
	return nil
}

func updateDir(dir string, latest map[string]latestRef) ([]fileChanges, []string, error) {
	defs := setterDefs(latest)
	nodes, problems, err := readTree(dir)
	if err != nil {
		return nil, problems, fmt.Errorf("reading %s: %w", dir, err)
	}
	byFile := map[string]*fileChanges{}
	var order []string
	changed := map[string]bool{}
	for _, node := range nodes {
		path, _, err := kioutil.GetFileAnnotations(node)
		if err != nil {
			return nil, problems, err
		}
		err = visit(node, defs, func(setter, old, new string) {
			changed[path] = true
			meta, err := node.GetMeta()
			if err != nil {
				return
			}
			id := objectID{meta.APIVersion, meta.Kind, meta.Name, meta.Namespace}
			fc, ok := byFile[path]
			if !ok {
				fc = &fileChanges{File: path}
				byFile[path] = fc
				order = append(order, path)
			}
			for i := range fc.Objects {
				if fc.Objects[i].Object == id {
					fc.Objects[i].Changes = append(fc.Objects[i].Changes, change{old, new, setter})
					return
				}
			}
			fc.Objects = append(fc.Objects, objectChanges{Object: id, Changes: []change{{old, new, setter}}})
		})
		if err != nil {
			return nil, problems, err
		}
	}
	var keep []*yaml.RNode
	for _, node := range nodes {
		path, _, _ := kioutil.GetFileAnnotations(node)
		if changed[path] {
			keep = append(keep, node)
		}
	}
	abs, _ := filepath.Abs(dir)
	outDir := abs
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		outDir = filepath.Dir(abs)
	}
	w := kio.LocalPackageWriter{PackagePath: outDir}
	if err := w.Write(keep); err != nil {
		return nil, problems, fmt.Errorf("writing: %w", err)
	}
	out := make([]fileChanges, 0, len(order))
	for _, p := range order {
		out = append(out, *byFile[p])
	}
	return out, problems, nil
}
