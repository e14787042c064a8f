"use client";

import { formatBytes } from "@/components/ticket/message-card";

export interface UploadedFile {
  token: string;
  name: string;
  size: number;
}

export interface UploadState {
  name: string;
  progress: number;
  error?: string;
}

/** Uploads one file to the attachments endpoint with progress (fetch cannot report upload progress). */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/helpdesk/api/attachments");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = JSON.parse(request.responseText || "{}");
      if (request.status === 201) resolve({ token: body.token, name: body.name, size: body.size });
      else reject(new Error(body.error?.message ?? `Upload failed (${request.status}).`));
    };
    request.onerror = () => reject(new Error("Upload failed: the server could not be reached."));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

export function AttachmentList({ files, uploads, onRemove, errors }: {
  files: UploadedFile[];
  uploads: UploadState[];
  onRemove: (token: string) => void;
  errors: Record<number, string[]>;
}) {
  if (files.length === 0 && uploads.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2 text-xs">
      {files.map((file, index) => (
        <li key={file.token} className={`inline-flex items-center gap-1 rounded-md border px-2 py-1 ${errors[index] ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}>
          {file.name} ({formatBytes(file.size)})
          {errors[index] && <span role="alert" className="text-red-700 dark:text-red-300"> — {errors[index]?.join(" ")}</span>}
          <button type="button" aria-label={`Remove ${file.name}`} onClick={() => onRemove(file.token)} className="ml-1 text-slate-500 hover:text-slate-900 dark:hover:text-white">×</button>
        </li>
      ))}
      {uploads.map((upload) => (
        <li key={upload.name} className="inline-flex items-center gap-2 rounded-md border border-dashed border-slate-300 px-2 py-1 dark:border-slate-700">
          {upload.name}
          {upload.error ? (
            <span role="alert" className="text-red-700 dark:text-red-300">{upload.error}</span>
          ) : (
            <progress max={1} value={upload.progress} aria-label={`Uploading ${upload.name}`} className="h-1.5 w-20" />
          )}
        </li>
      ))}
    </ul>
  );
}
