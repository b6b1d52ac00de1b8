{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "mseg-console.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "mseg-console.fullname" -}}
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

{{- define "mseg-console.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "mseg-console.labels" -}}
helm.sh/chart: {{ include "mseg-console.chart" . }}
{{ include "mseg-console.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: console
app.kubernetes.io/part-of: mseg
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the console's pods (never change them on upgrade: selectors are immutable). */}}
{{- define "mseg-console.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mseg-console.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mseg-console.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mseg-console.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mseg-console.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret with the database credentials: the given one, or the one this chart creates. */}}
{{- define "mseg-console.databaseSecretName" -}}
{{- default (printf "%s-database" (include "mseg-console.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{- define "mseg-console.caSecretName" -}}
{{- default (printf "%s-ca" (include "mseg-console.fullname" .)) .Values.ca.existingSecret }}
{{- end }}

{{- define "mseg-console.bootstrapSecretName" -}}
{{- default (printf "%s-bootstrap" (include "mseg-console.fullname" .)) .Values.bootstrapToken.existingSecret }}
{{- end }}

{{/* The headless Service of the enforcers in the cluster (a DNS label: at most 63 characters). */}}
{{- define "mseg-console.headlessServiceName" -}}
{{- printf "%s-headless" (include "mseg-console.fullname" . | trunc 54 | trimSuffix "-") }}
{{- end }}

{{/* The DNS names of both Services, which clients inside the cluster use. */}}
{{- define "mseg-console.serviceNames" -}}
{{- $ns := .Release.Namespace }}
{{- $names := list }}
{{- range $svc := list (include "mseg-console.fullname" .) (include "mseg-console.headlessServiceName" .) }}
{{- $names = concat $names (list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.%s" $svc $ns $.Values.clusterDomain)) }}
{{- end }}
{{- $names | join "," }}
{{- end }}

{{/* MSEG_TLS_HOSTS: the Service's names and tls.hosts (the console adds localhost itself). */}}
{{- define "mseg-console.tlsHosts" -}}
{{- $hosts := splitList "," (include "mseg-console.serviceNames" .) }}
{{- range .Values.tls.hosts }}
{{- $hosts = append $hosts . }}
{{- end }}
{{- $hosts | uniq | join "," }}
{{- end }}
