{{/* Chart name, truncated to the 63 characters Kubernetes allows in names and labels. */}}
{{- define "imlab.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "imlab.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "imlab.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "imlab.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: imlab
{{- end }}

{{- define "imlab.selectorLabels" -}}
app.kubernetes.io/name: {{ include "imlab.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "imlab.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "imlab.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "imlab.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Environment shared by the worker and the operator: Temporal, S3 and the namespace training Jobs go to.
     S3 credentials come from the existing Secret by reference only. */}}
{{- define "imlab.commonEnv" -}}
- name: IMLAB_TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: IMLAB_TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
{{- if .Values.temporal.tls.enabled }}
- name: IMLAB_TEMPORAL_TLS_CERT
  value: /etc/imlab/temporal-tls/tls.crt
- name: IMLAB_TEMPORAL_TLS_KEY
  value: /etc/imlab/temporal-tls/tls.key
- name: IMLAB_TEMPORAL_TLS_CA
  value: /etc/imlab/temporal-tls/ca.crt
{{- with .Values.temporal.tls.serverName }}
- name: IMLAB_TEMPORAL_TLS_SERVER_NAME
  value: {{ . | quote }}
{{- end }}
{{- end }}
- name: IMLAB_S3_ENDPOINT
  value: {{ .Values.s3.endpoint | quote }}
- name: IMLAB_S3_BUCKET
  value: {{ .Values.s3.bucket | quote }}
- name: IMLAB_S3_REGION
  value: {{ .Values.s3.region | quote }}
- name: IMLAB_S3_CREDENTIALS_SECRET
  value: {{ .Values.s3.credentials.existingSecret | quote }}
- name: IMLAB_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.credentials.existingSecret }}
      key: {{ .Values.s3.credentials.accessKeyKey }}
- name: IMLAB_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.credentials.existingSecret }}
      key: {{ .Values.s3.credentials.secretKeyKey }}
- name: IMLAB_K8S_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: IMLAB_METRICS_PORT
  value: {{ .Values.metrics.port | quote }}
{{- end }}

{{/* The Temporal client certificate volume and mount; include only when temporal.tls.enabled. */}}
{{- define "imlab.tlsVolume" -}}
- name: temporal-tls
  secret:
    secretName: {{ required "temporal.tls.existingSecret is required when temporal.tls.enabled" .Values.temporal.tls.existingSecret }}
{{- end }}

{{- define "imlab.tlsMount" -}}
- name: temporal-tls
  mountPath: /etc/imlab/temporal-tls
  readOnly: true
{{- end }}
