export interface PageRequest {
  page: number;
  limit: number;
  total: number;
}

export function paginate<T>(data: T[], { page, limit, total }: PageRequest) {
  const totalPages = Math.ceil(total / limit);
  return { data, pagination: { page, limit, total, totalPages, hasMore: page < totalPages } };
}
