{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "mseg-enforcer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "mseg-enforcer.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mseg-enforcer.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "mseg-enforcer.labels" -}}
helm.sh/chart: {{ include "mseg-enforcer.chart" . }}
{{ include "mseg-enforcer.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: enforcer
app.kubernetes.io/part-of: mseg
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the enforcer's pods (never change them on upgrade: selectors are immutable). */}}
{{- define "mseg-enforcer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mseg-enforcer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mseg-enforcer.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mseg-enforcer.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mseg-enforcer.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret with the enrollment token: the given one, or the one this chart creates. */}}
{{- define "mseg-enforcer.tokenSecretName" -}}
{{- default (printf "%s-enrollment" (include "mseg-enforcer.fullname" .)) .Values.enrollmentToken.existingSecret }}
{{- end }}

{{/*
Fails the rendering, saying what to set, when the values cannot make a working enforcer: the
console's URL and an enrollment token are required (the enforcer would exit with code 2 or 4).
*/}}
{{- define "mseg-enforcer.validate" -}}
{{- $url := default "" .Values.console.url | toString | trim }}
{{- if not $url }}
{{- fail "console.url is required: the enforcers' console, https://host[:port] (for the mseg-console chart in this cluster: https://<release>-mseg-console-headless.<namespace>.svc:8443)" }}
{{- end }}
{{- if not (regexMatch "^https://[^/?#\\s]+/?$" $url) }}
{{- fail (printf "console.url must be https://host[:port] without a path, not %s" $url) }}
{{- end }}
{{- if not .Values.enrollmentToken.existingSecret }}
{{- $token := default "" .Values.enrollmentToken.value | toString | trim }}
{{- if not $token }}
{{- fail "an enrollment token is required: set enrollmentToken.existingSecret (a Secret holding it under enrollmentToken.key) or enrollmentToken.value" }}
{{- end }}
{{- if not (regexMatch "^msen_\\S+\\.[0-9a-fA-F]{64}$" $token) }}
{{- fail "enrollmentToken.value is not an enrollment token: msen_<secret>.<CA fingerprint, 64 hex digits>, as POST /enrollmenttokens answers it" }}
{{- end }}
{{- end }}
{{- end }}
