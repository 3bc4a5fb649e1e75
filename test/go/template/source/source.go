// Package source mirrors Flux's TemplateData type name, extended with the legacy `.Updated`
// view that tagpilot keeps for every API version.
package source

import (
	"k8s.io/apimachinery/pkg/types"

	"tagpilot/test/go/template/update"
)

// TemplateData is the value given to the commit message template.
type TemplateData struct {
	AutomationObject types.NamespacedName
	Updated          update.LegacyResult
	Changed          update.Result
	Values           map[string]string
}
