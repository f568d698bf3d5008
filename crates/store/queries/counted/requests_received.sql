SELECT r.submitted_at AS at
FROM access_requests r
WHERE r.submitted_at IS NOT NULL
  AND EXISTS (
    SELECT 1
    FROM access_request_services x
    JOIN service_tags st ON st.service_id = x.service_id
    JOIN focus_area_tags ft ON ft.tag_id = st.tag_id
    JOIN focus_areas f ON f.id = ft.area_id
    WHERE x.request_id = r.id AND f.slug = $1
  )
