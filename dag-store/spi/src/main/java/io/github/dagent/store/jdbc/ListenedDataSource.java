package io.github.dagent.store.jdbc;

import io.github.dagent.store.StatementListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Wraps the data source the migrations run through, so that the statements Flyway executes
 * reach the {@link StatementListener} too: every {@code execute*} call of a statement from
 * one of its connections is reported (the prepared text, or the text passed to execute).
 */
final class ListenedDataSource {
  private ListenedDataSource() {}

  static DataSource wrap(DataSource target, StatementListener listener) {
    return proxy(DataSource.class, target, (method, args, result) ->
        result instanceof Connection connection ? connection(connection, listener) : result);
  }

  private static Connection connection(Connection target, StatementListener listener) {
    return proxy(Connection.class, target, (method, args, result) -> {
      String sql = args != null && args.length > 0 && args[0] instanceof String text
          ? text : null;
      if (result instanceof CallableStatement call) {
        return statement(CallableStatement.class, call, sql, listener);
      }
      if (result instanceof PreparedStatement prepared) {
        return statement(PreparedStatement.class, prepared, sql, listener);
      }
      if (result instanceof Statement plain) {
        return statement(Statement.class, plain, null, listener);
      }
      return result;
    });
  }

  private static <S extends Statement> S statement(Class<S> type, S target, String prepared,
      StatementListener listener) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text
            ? text : prepared;
        listener.executed(sql == null ? "" : sql);
      }
      return invoke(method, target, args);
    };
    return type.cast(Proxy.newProxyInstance(ListenedDataSource.class.getClassLoader(),
        new Class<?>[] {type}, handler));
  }

  private static <T> T proxy(Class<T> type, T target, After after) {
    InvocationHandler handler = (proxy, method, args) ->
        after.apply(method, args, invoke(method, target, args));
    return type.cast(Proxy.newProxyInstance(ListenedDataSource.class.getClassLoader(),
        new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Replaces a call's result. */
  @FunctionalInterface
  private interface After {
    Object apply(Method method, Object[] args, Object result) throws Throwable;
  }
}
