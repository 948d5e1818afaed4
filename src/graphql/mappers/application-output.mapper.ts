import type { ApplicationRecord } from '../../entities/application-record.entity';
import type { Application } from '../../entities/application.entity';
import type { ApplicationView } from '../../domain/applications/application.service';
import type { ApplicationRecordType, ApplicationType } from '../types/application.type';

/** Maps an application with its fields to the GraphQL type. */
export function toApplicationObject(view: ApplicationView): ApplicationType {
  return {
    ...toApplicationSummary(view.application),
    fields: view.fields.map((field) => ({
      id: field.id,
      key: field.key,
      name: field.name,
      type: field.type,
      choices: field.choices,
      position: field.position,
    })),
  };
}

/** Maps an application without loading fields; `fields` is resolved on request. */
export function toApplicationSummary(application: Application): ApplicationType {
  return {
    id: application.id,
    name: application.name,
    archived: application.archivedAt !== null,
    archivedAt: application.archivedAt,
    version: application.version,
    createdAt: application.createdAt,
    updatedAt: application.updatedAt,
  };
}

export function toRecordObject(record: ApplicationRecord): ApplicationRecordType {
  return {
    id: record.id,
    applicationId: record.applicationId,
    userId: record.userId,
    values: record.values,
    archived: record.archivedAt !== null,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
