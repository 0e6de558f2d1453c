{{/*
The modules of Junction (libs/contracts/src/module-names.ts, MODULE_NAMES) and the facades of the published
language (libs/contracts/src/facades/catalogue.ts, FACADES: owner module + config key of its gRPC URL).
scripts/validate-helm.sh checks that these lists match the code.
*/}}
{{- define "junction.knownModules" -}}
identity flights baggage detectors orders trains
{{- end -}}

{{- define "junction.facades" -}}
{{- dict "identity" (dict "owner" "identity" "urlKey" "IDENTITY_GRPC_URL") | toJson -}}
{{- end -}}

{{- define "junction.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "junction.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of a process's Deployment/Service/HPA/PDB. Call with (dict "root" $ "process" $name). */}}
{{- define "junction.processName" -}}
{{- printf "%s-%s" (include "junction.fullname" .root) .process | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "junction.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "junction.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: junction
{{- end -}}

{{/* Selector labels of one process. Call with (dict "root" $ "process" $name). */}}
{{- define "junction.selectorLabels" -}}
app.kubernetes.io/name: {{ include "junction.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .process }}
{{- end -}}

{{- define "junction.configName" -}}
{{- printf "%s-config" (include "junction.fullname" .) -}}
{{- end -}}

{{- define "junction.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "junction.fullname" .)) -}}
{{- end -}}

{{- define "junction.tlsSecretName" -}}
{{- .Values.grpcTls.existingSecret | default (printf "%s-grpc-tls" (include "junction.fullname" .)) -}}
{{- end -}}

{{/*
Where each module runs: JSON {module: process}. Fails (listing every problem) unless each known module is hosted
by exactly one process, every listed module is known, and every process name is a valid DNS label part.
"all" stands for every module, alone (as MODULES=all does for the app).
*/}}
{{- define "junction.placement" -}}
{{- $known := splitList " " (include "junction.knownModules" .) -}}
{{- $hosts := dict -}}
{{- $problems := list -}}
{{- if not .Values.processes -}}
{{- $problems = append $problems "values.processes is empty: choose a layout (-f values-all.yaml or -f values-split.yaml) or list processes and their modules" -}}
{{- end -}}
{{- range $process, $spec := .Values.processes -}}
  {{- if not (regexMatch "^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$" $process) -}}
    {{- $problems = append $problems (printf "process name %q must be lowercase letters, digits and '-', at most 22 characters, starting with a letter" $process) -}}
  {{- end -}}
  {{- $modules := list -}}
  {{- if kindIs "map" $spec -}}{{- $modules = $spec.modules | default list -}}{{- end -}}
  {{- if not (kindIs "slice" $modules) -}}
    {{- $problems = append $problems (printf "processes.%s.modules must be a list of module names" $process) -}}
    {{- $modules = list -}}
  {{- end -}}
  {{- if eq (len $modules) 0 -}}
    {{- $problems = append $problems (printf "process %q hosts no module (processes.%s.modules is empty)" $process $process) -}}
  {{- end -}}
  {{- if has "all" $modules -}}
    {{- if gt (len $modules) 1 -}}
      {{- $problems = append $problems (printf "process %q: \"all\" cannot be combined with other module names" $process) -}}
    {{- end -}}
    {{- $modules = $known -}}
  {{- end -}}
  {{- range $module := $modules -}}
    {{- if not (has $module $known) -}}
      {{- $problems = append $problems (printf "process %q lists unknown module %q; valid modules: %s" $process (toString $module) (join ", " $known)) -}}
    {{- else -}}
      {{- $_ := set $hosts $module (append (get $hosts $module | default list) $process) -}}
    {{- end -}}
  {{- end -}}
{{- end -}}
{{- $placement := dict -}}
{{- range $module := $known -}}
  {{- $where := get $hosts $module | default list -}}
  {{- if eq (len $where) 0 -}}
    {{- $problems = append $problems (printf "module %q is hosted by no process" $module) -}}
  {{- else if gt (len $where) 1 -}}
    {{- $problems = append $problems (printf "module %q is hosted %d times (processes: %s); each module must be hosted exactly once" $module (len $where) (join ", " $where)) -}}
  {{- else -}}
    {{- $_ := set $placement $module (first $where) -}}
  {{- end -}}
{{- end -}}
{{- if $problems -}}
{{- fail (printf "\n\njunction: invalid process layout (values.processes):\n  - %s\n" (join "\n  - " $problems)) -}}
{{- end -}}
{{- $placement | toJson -}}
{{- end -}}

{{/* The modules one process boots, in the order given. Call with (dict "root" $ "process" $name). */}}
{{- define "junction.processModules" -}}
{{- $spec := get .root.Values.processes .process -}}
{{- $modules := $spec.modules -}}
{{- if has "all" $modules -}}{{- $modules = splitList " " (include "junction.knownModules" .root) -}}{{- end -}}
{{- join "," $modules -}}
{{- end -}}

{{/* A per-process map setting (resources, autoscaling, podDisruptionBudget): the process's own keys merged over the chart default, as JSON. (dict "root" $ "process" $name "key" "resources") */}}
{{- define "junction.processSetting" -}}
{{- $default := get .root.Values .key | default dict -}}
{{- $spec := get .root.Values.processes .process -}}
{{- if and (kindIs "map" $spec) (hasKey $spec .key) (kindIs "map" (get $spec .key)) -}}
{{- mergeOverwrite (deepCopy $default) (get $spec .key) | toJson -}}
{{- else -}}
{{- $default | toJson -}}
{{- end -}}
{{- end -}}

{{- define "junction.checkTls" -}}
{{- if .Values.grpcTls.enabled -}}
{{- if and (not .Values.grpcTls.existingSecret) (not (and .Values.grpcTls.ca .Values.grpcTls.cert .Values.grpcTls.key)) -}}
{{- fail "\n\njunction: grpcTls.enabled needs grpcTls.existingSecret, or all of grpcTls.ca, grpcTls.cert and grpcTls.key (PEM)\n" -}}
{{- end -}}
{{- end -}}
{{- end -}}
