# Wrong: the solution's two stages, but the password moved from ENV to ARG "because ARG is not kept in the image".
# It is still in the Dockerfile (in the build context and in version control), and hadolint says so (DL3064).
FROM registry.registry.svc.cluster.local:5000/library/busybox:1.37 AS build
ENV API_VERSION=2.0
WORKDIR /src
COPY build.sh index.html ./
RUN sh build.sh /out

FROM registry.registry.svc.cluster.local:5000/library/busybox:1.37
ARG DB_PASSWORD=lab-Pa55-7Qx2-shop
COPY --from=build /out/srv/www /srv/www
USER 10001:10001
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/srv/www"]
