# Wrong: the solution with a named user. The image's config says User "app"; the kubelet cannot tell whether "app"
# is uid 0, so a pod with runAsNonRoot: true refuses to start it.
FROM registry.registry.svc.cluster.local:5000/library/busybox:1.37 AS build
ENV API_VERSION=2.0
WORKDIR /src
COPY build.sh index.html ./
RUN sh build.sh /out && mkdir -p /out/etc && echo 'app:x:10001:10001::/srv/www:/bin/false' > /out/etc/passwd

FROM registry.registry.svc.cluster.local:5000/library/busybox:1.37
COPY --from=build /out/srv/www /srv/www
COPY --from=build /out/etc/passwd /etc/passwd
USER app
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/srv/www"]
