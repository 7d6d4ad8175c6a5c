{{/*
Chart name, truncated to 63 characters (a DNS label).
*/}}
{{- define "stocksync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or the release name alone when it already holds the chart name.
*/}}
{{- define "stocksync.fullname" -}}
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

{{- define "stocksync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource. Call with (dict "ctx" $ "component" "gateway").
*/}}
{{- define "stocksync.labels" -}}
helm.sh/chart: {{ include "stocksync.chart" .ctx }}
{{ include "stocksync.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: stocksync
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels. Call with (dict "ctx" $ "component" "gateway").
*/}}
{{- define "stocksync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stocksync.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end }}

{{- define "stocksync.gateway.fullname" -}}
{{- printf "%s-gateway" (include "stocksync.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stocksync.workers.fullname" -}}
{{- printf "%s-workers" (include "stocksync.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stocksync.migrate.fullname" -}}
{{- printf "%s-migrate" (include "stocksync.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stocksync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stocksync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "stocksync.image" -}}
{{- $repo := .Values.image.repository }}
{{- if .Values.image.registry }}
{{- $repo = printf "%s/%s" .Values.image.registry .Values.image.repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repo .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repo (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
{{- end }}

{{/*
Secret holding the database password: the user's, or the chart's own.
*/}}
{{- define "stocksync.db.secretName" -}}
{{- default (include "stocksync.fullname" .) .Values.db.existingSecret }}
{{- end }}

{{- define "stocksync.broker.secretName" -}}
{{- default (include "stocksync.fullname" .) .Values.broker.existingSecret }}
{{- end }}

{{/*
True when the chart stores a password (or the KEDA AMQP URL) in its own Secret.
*/}}
{{- define "stocksync.createSecret" -}}
{{- if or (not .Values.db.existingSecret) (not .Values.broker.existingSecret) (include "stocksync.keda.ownHostSecret" .) }}true{{- end }}
{{- end }}

{{- define "stocksync.keda.ownHostSecret" -}}
{{- if and .Values.workers.autoscaling.keda.enabled (not .Values.workers.autoscaling.keda.hostSecret.name) }}true{{- end }}
{{- end }}

{{/*
The AMQP URL KEDA reads the lanes with, credentials included.
*/}}
{{- define "stocksync.keda.amqpUrl" -}}
{{- printf "amqp://%s:%s@%s:%d/%s" (urlquery .Values.broker.user) (urlquery .Values.broker.password) .Values.broker.host (int .Values.broker.port) (urlquery .Values.broker.vhost) }}
{{- end }}

{{/*
Refuses settings that would make the chart lie: a key in `config` that the chart sets from its
own values, or KEDA without a way to read the lanes.
*/}}
{{- define "stocksync.validate" -}}
{{- $config := .Values.config | default dict }}
{{- $managed := dict "db" (list "host" "port" "name" "user" "password") "broker" (list "host" "port" "user" "password" "vhost" "namespace") "http" (list "port") "monitoring" (list "port") }}
{{- range $section, $keys := $managed }}
{{- range $key := $keys }}
{{- $flat := printf "%s.%s" $section $key }}
{{- if or (hasKey $config $flat) (and (hasKey $config $section) (kindIs "map" (get $config $section)) (hasKey (get $config $section) $key)) }}
{{- fail (printf "config.%s: set %s in the chart's values (%s), not in config" $flat $flat (ternary (printf "%s.existingSecret or %s" $section $flat) $flat (eq $key "password"))) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and .Values.workers.autoscaling.keda.enabled .Values.broker.existingSecret (not .Values.workers.autoscaling.keda.hostSecret.name) }}
{{- fail "workers.autoscaling.keda.hostSecret.name is required with broker.existingSecret: the chart does not know the password to build KEDA's AMQP URL" }}
{{- end }}
{{- end }}

{{/*
Environment of every stocksync container: the chart's values as STOCKSYNC_* variables, one to one,
and the passwords from their Secrets. Call with (dict "ctx" $ "role" "gateway").
*/}}
{{- define "stocksync.env" -}}
{{- $v := .ctx.Values }}
- name: STOCKSYNC_DB_HOST
  value: {{ $v.db.host | quote }}
- name: STOCKSYNC_DB_PORT
  value: {{ $v.db.port | quote }}
- name: STOCKSYNC_DB_NAME
  value: {{ $v.db.name | quote }}
- name: STOCKSYNC_DB_USER
  value: {{ $v.db.user | quote }}
- name: STOCKSYNC_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .dbSecret | default (include "stocksync.db.secretName" .ctx) }}
      key: {{ $v.db.existingSecretPasswordKey }}
{{- if ne .role "migrate" }}
- name: STOCKSYNC_BROKER_HOST
  value: {{ $v.broker.host | quote }}
- name: STOCKSYNC_BROKER_PORT
  value: {{ $v.broker.port | quote }}
- name: STOCKSYNC_BROKER_USER
  value: {{ $v.broker.user | quote }}
- name: STOCKSYNC_BROKER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "stocksync.broker.secretName" .ctx }}
      key: {{ $v.broker.existingSecretPasswordKey }}
- name: STOCKSYNC_BROKER_VHOST
  value: {{ $v.broker.vhost | quote }}
- name: STOCKSYNC_BROKER_NAMESPACE
  value: {{ $v.broker.namespace | quote }}
- name: STOCKSYNC_CONFIG
  value: /etc/stocksync/stocksync.yaml
{{- end }}
{{- if eq .role "gateway" }}
- name: STOCKSYNC_HTTP_PORT
  value: {{ $v.http.port | quote }}
{{- end }}
{{- if eq .role "workers" }}
- name: STOCKSYNC_MONITORING_PORT
  value: {{ $v.monitoring.port | quote }}
{{- end }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $v.javaToolOptions | quote }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "stocksync.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled }}
securityContext:
  {{- toYaml (omit .Values.podSecurityContext "enabled") | nindent 2 }}
{{- end }}
{{- end }}

{{- define "stocksync.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled }}
securityContext:
  {{- toYaml (omit .Values.containerSecurityContext "enabled") | nindent 2 }}
{{- end }}
{{- end }}

{{/*
An HTTP probe from a values block: (dict "probe" .Values.gateway.livenessProbe "path" "/health/live").
*/}}
{{- define "stocksync.probe" -}}
httpGet:
  path: {{ .path }}
  port: {{ .port }}
{{- toYaml (omit .probe "enabled") | nindent 0 }}
{{- end }}
