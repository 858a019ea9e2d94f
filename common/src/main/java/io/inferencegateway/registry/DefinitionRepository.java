package io.inferencegateway.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Cluster and endpoint definitions in PostgreSQL: the fixtures are the source, the tables what processes read. */
public final class DefinitionRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final DataSource dataSource;

    public DefinitionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes the tables hold exactly {@code definitions}, in one transaction. */
    public void replaceAll(Definitions definitions) {
        Sql.inTransaction(dataSource, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM endpoints");
                statement.executeUpdate("DELETE FROM clusters");
            }
            insertClusters(connection, definitions.clusters());
            insertEndpoints(connection, definitions.endpoints());
            return null;
        });
    }

    private static void insertClusters(Connection connection, List<ClusterDefinition> clusters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO clusters (id, cluster_name, cluster_adapter, frameworks, openai_endpoints,
                                      allowed_globus_groups, allowed_domains, config)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)""")) {
            for (ClusterDefinition cluster : clusters) {
                insert.setLong(1, cluster.id());
                insert.setString(2, cluster.clusterName());
                insert.setString(3, cluster.clusterAdapter());
                insert.setString(4, Json.write(cluster.frameworks()));
                insert.setString(5, Json.write(cluster.openaiEndpoints()));
                insert.setString(6, Json.write(cluster.allowedGlobusGroups()));
                insert.setString(7, Json.write(cluster.allowedDomains()));
                insert.setString(8, Json.write(cluster.config()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertEndpoints(Connection connection, List<EndpointDefinition> endpoints) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO endpoints (id, endpoint_slug, cluster, framework, model, endpoint_adapter,
                                       allowed_globus_groups, allowed_domains, tpm_model, tpm_user, config)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb)""")) {
            for (EndpointDefinition endpoint : endpoints) {
                insert.setLong(1, endpoint.id());
                insert.setString(2, endpoint.endpointSlug());
                insert.setString(3, endpoint.cluster());
                insert.setString(4, endpoint.framework());
                insert.setString(5, endpoint.model());
                insert.setString(6, endpoint.endpointAdapter());
                insert.setString(7, Json.write(endpoint.allowedGlobusGroups()));
                insert.setString(8, Json.write(endpoint.allowedDomains()));
                insert.setInt(9, endpoint.tpmModel());
                insert.setInt(10, endpoint.tpmUser());
                insert.setString(11, Json.write(endpoint.config()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Every stored definition, clusters and endpoints each ordered by id. */
    public Definitions loadAll() {
        return Sql.withConnection(dataSource, connection -> {
            List<ClusterDefinition> clusters = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM clusters ORDER BY id")) {
                while (rows.next()) {
                    clusters.add(new ClusterDefinition(rows.getLong("id"), rows.getString("cluster_name"),
                            rows.getString("cluster_adapter"), strings(rows, "frameworks"),
                            strings(rows, "openai_endpoints"), strings(rows, "allowed_globus_groups"),
                            strings(rows, "allowed_domains"), (ObjectNode) Json.read(rows.getString("config"))));
                }
            }
            List<EndpointDefinition> endpoints = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM endpoints ORDER BY id")) {
                while (rows.next()) {
                    endpoints.add(new EndpointDefinition(rows.getLong("id"), rows.getString("endpoint_slug"),
                            rows.getString("cluster"), rows.getString("framework"), rows.getString("model"),
                            rows.getString("endpoint_adapter"), strings(rows, "allowed_globus_groups"),
                            strings(rows, "allowed_domains"), rows.getInt("tpm_model"), rows.getInt("tpm_user"),
                            (ObjectNode) Json.read(rows.getString("config"))));
                }
            }
            return new Definitions(clusters, endpoints, Map.of(), Map.of());
        });
    }

    private static List<String> strings(ResultSet rows, String column) throws SQLException {
        return Json.MAPPER.convertValue(Json.read(rows.getString(column)), STRINGS);
    }
}
