// Package update mirrors the commit-template data types of Flux's image-automation-controller
// (internal/update) so that template errors name the same Go types (update.Result, …).
package update

import (
	"github.com/google/go-containerregistry/pkg/name"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// ObjectIdentifier identifies the top-level document a change happened in.
type ObjectIdentifier struct {
	yaml.ResourceIdentifier
}

// Change is one rewritten marker value.
type Change struct {
	OldValue string
	NewValue string
	Setter   string
}

// ObjectChanges groups changes by object.
type ObjectChanges map[ObjectIdentifier][]Change

// Result is the v1 `.Changed` view.
type Result struct {
	FileChanges map[string]ObjectChanges
}

// AddChange records changes for one file and object.
func (r *Result) AddChange(file string, id ObjectIdentifier, changes ...Change) {
	if r.FileChanges == nil {
		r.FileChanges = map[string]ObjectChanges{}
	}
	if _, ok := r.FileChanges[file]; !ok {
		r.FileChanges[file] = ObjectChanges{}
	}
	r.FileChanges[file][id] = append(r.FileChanges[file][id], changes...)
}

// Changes is the de-duplicated union of all changes.
func (r Result) Changes() []Change {
	seen := map[Change]bool{}
	var out []Change
	for _, oc := range r.FileChanges {
		for _, cs := range oc {
			for _, c := range cs {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// Objects merges object changes across files.
func (r Result) Objects() ObjectChanges {
	out := ObjectChanges{}
	for _, oc := range r.FileChanges {
		for id, cs := range oc {
			out[id] = append(out[id], cs...)
		}
	}
	return out
}

// ImageRef is the legacy image reference interface.
type ImageRef interface {
	String() string
	Identifier() string
	Repository() string
	Registry() string
	Name() string
	Policy() types.NamespacedName
}

// NewImageRef parses a reference the way the legacy setters did.
func NewImageRef(ref string, policy types.NamespacedName) (ImageRef, error) {
	r, err := name.ParseReference(ref, name.WeakValidation)
	if err != nil {
		return nil, err
	}
	return imageRef{Reference: r, policy: policy}, nil
}

type imageRef struct {
	name.Reference
	policy types.NamespacedName
}

func (i imageRef) Policy() types.NamespacedName { return i.policy }
func (i imageRef) Repository() string          { return i.Context().RepositoryStr() }
func (i imageRef) Registry() string            { return i.Context().Registry.String() }

// LegacyResult is the deprecated `.Updated` view.
type LegacyResult struct {
	Files map[string]FileResult
}

// FileResult is the legacy per-file view.
type FileResult struct {
	Objects map[ObjectIdentifier][]ImageRef
}

// Add records an image ref for an object, once.
func (r *LegacyResult) Add(file string, id ObjectIdentifier, ref ImageRef) {
	if r.Files == nil {
		r.Files = map[string]FileResult{}
	}
	fr, ok := r.Files[file]
	if !ok {
		fr = FileResult{Objects: map[ObjectIdentifier][]ImageRef{}}
		r.Files[file] = fr
	}
	for _, n := range fr.Objects[id] {
		if n == ref {
			return
		}
	}
	fr.Objects[id] = append(fr.Objects[id], ref)
}

// Images lists every image ref once.
func (r LegacyResult) Images() []ImageRef {
	seen := map[ImageRef]bool{}
	var out []ImageRef
	for _, f := range r.Files {
		for _, refs := range f.Objects {
			for _, ref := range refs {
				if !seen[ref] {
					seen[ref] = true
					out = append(out, ref)
				}
			}
		}
	}
	return out
}

// Objects merges image refs per object across files.
func (r LegacyResult) Objects() map[ObjectIdentifier][]ImageRef {
	out := map[ObjectIdentifier][]ImageRef{}
	for _, f := range r.Files {
		for id, refs := range f.Objects {
			out[id] = append(out[id], refs...)
		}
	}
	return out
}
